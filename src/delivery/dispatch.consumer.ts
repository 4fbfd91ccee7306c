/**
 * The `dispatch` queue consumer: {notificationId} messages from the OrgGate → claim → provider →
 * recorded outcome → ack or retry, per message.
 *
 *  - Claimed rows are sent: SMS in one provider request per batch and provider, email one SMTP
 *    session each (a few at a time: Workers allow six open connections per invocation).
 *  - Not claimed: already handed off, cancelled, unknown or not yet due → ack; claimed by another
 *    live consumer → retry once that claim could have gone stale, so a crashed consumer's message
 *    is picked up again without waiting for the replay cron.
 *  - Transient failures → claim released, message.retry with exponential backoff; after the last
 *    retry the queue moves the message to `dead-letters` (technical-failure there).
 *  - Simulator receipts are processed last, through the same code as CM.com's webhook.
 */
import * as v from "valibot";
import type { Services } from "../app/services";
import { errorFields, log } from "../lib/log";
import { processReceipts } from "../notifications/process-receipt";
import type { ProviderReceipt, SendOutcome, SendResult } from "../providers/outcome";
import { DispatchMessage } from "../queues/queue-messages";
import { claimNotifications, loadUnclaimed, type NotificationRow } from "./claim";
import { dispatchBackoffSeconds, STALE_CLAIM_MS, secondsUntilStale } from "./policy";
import { recordOutcomes } from "./record-outcomes";
import { sendClaimed } from "./send";

/** What the dispatch consumer uses: storage, the callbacks queue, a clock and the providers. */
export type DispatchServices = Pick<Services, "db" | "clock" | "callbackQueue" | "providers">;

/** Processes one batch of the dispatch queue; every message is acked or retried explicitly. */
export async function consumeDispatch(batch: MessageBatch<unknown>, deps: DispatchServices): Promise<void> {
  const now = deps.clock.now();
  // Duplicates of one id in a batch: the first message carries the outcome, the others are acked.
  const byId = new Map<string, Message<unknown>>();
  for (const message of batch.messages) {
    const parsed = v.safeParse(DispatchMessage, message.body);
    if (!parsed.success) {
      log.error("dispatch_message_invalid", { message_id: message.id });
      message.ack();
    } else if (byId.has(parsed.output.notificationId)) message.ack();
    else byId.set(parsed.output.notificationId, message);
  }
  if (byId.size === 0) return;

  const claimed = await claimNotifications(deps.db, [...byId.keys()], now);
  const claimedIds = new Set(claimed.map((r) => r.id));
  await settleUnclaimed(
    deps,
    byId,
    [...byId.keys()].filter((id) => !claimedIds.has(id)),
    now,
  );
  if (claimed.length === 0) return;

  let sent: SendResult;
  try {
    sent = await sendClaimed(deps, claimed);
  } catch (error) {
    // sendClaimed only throws before anything reached a provider (loading the services), so every
    // claimed row is unsent: release the claims and retry, rather than wait for them to go stale.
    log.error("dispatch_send_failed", { claimed: claimed.length, ...errorFields(error) });
    sent = { outcomes: claimed.map((r) => ({ kind: "retry", notificationId: r.id, reason: "internal_error" })), receipts: [] };
  }
  const { outcomes, receipts } = sent;
  await recordOutcomes(deps, outcomes, deps.clock.now());
  settleClaimed(byId, claimed, outcomes);
  await applySimulatedReceipts(deps, receipts);
}

/** Ack what is done or not ours to send; retry what another consumer holds a live claim on. */
async function settleUnclaimed(deps: DispatchServices, byId: Map<string, Message<unknown>>, ids: string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  const rows = await loadUnclaimed(deps.db, ids);
  for (const id of ids) {
    const message = byId.get(id);
    const row = rows.get(id);
    if (!message) continue;
    if (row?.status === "created" && row.claimedAt !== null && row.claimedAt >= now - STALE_CLAIM_MS) {
      log.info("dispatch_claimed_elsewhere", { notification_id: id, attempts: message.attempts });
      message.retry({ delaySeconds: secondsUntilStale(row.claimedAt, now) });
      continue;
    }
    if (!row) log.warn("dispatch_unknown_notification", { notification_id: id });
    else if (row.status === "created") log.info("dispatch_not_due", { notification_id: id });
    message.ack();
  }
}

function settleClaimed(byId: Map<string, Message<unknown>>, claimed: NotificationRow[], outcomes: SendOutcome[]): void {
  const outcomeById = new Map(outcomes.map((o) => [o.notificationId, o]));
  const counts: Record<SendOutcome["kind"], number> = { accepted: 0, rejected: 0, failed: 0, retry: 0 };
  for (const row of claimed) {
    const message = byId.get(row.id);
    const outcome = outcomeById.get(row.id);
    if (!message) continue;
    if (outcome) counts[outcome.kind] += 1;
    if (outcome?.kind === "retry") {
      log.warn("dispatch_retry", { notification_id: row.id, attempts: message.attempts, reason: outcome.reason });
      message.retry({ delaySeconds: dispatchBackoffSeconds(message.attempts) });
    } else {
      if (outcome?.kind === "failed") log.error("dispatch_failed", { notification_id: row.id, reason: outcome.reason });
      message.ack();
    }
  }
  // One line per batch, not per message: a 10,000-message bulk send is 100 lines.
  log.info("dispatch_batch", { claimed: claimed.length, ...counts });
}

/** Simulated receipts must not make the batch fail once the hand-off is recorded. */
async function applySimulatedReceipts(deps: DispatchServices, receipts: ProviderReceipt[]): Promise<void> {
  if (receipts.length === 0) return;
  try {
    await processReceipts(deps, receipts, deps.clock.now());
  } catch (error) {
    log.error("simulated_receipts_failed", { receipts: receipts.length, ...errorFields(error) });
  }
}
