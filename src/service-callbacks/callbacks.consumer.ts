/**
 * The `callbacks` queue consumer: tells organisations about status changes and inbound SMS.
 * Reads the current row and the service's callback settings at send time (messages carry ids
 * only), decrypts the bearer token, POSTs, and retries with backoff only where Notify does.
 * It never changes a notification: a callback target that is down affects nobody else.
 */
import { and, eq } from "drizzle-orm";
import * as v from "valibot";
import type { Services } from "../app/services";
import type { Db } from "../db/database";
import { notifications, receivedTexts, serviceCallbacks, services } from "../db/schema";
import { errorFields, log } from "../lib/log";
import { historyEntryJson } from "../notifications/evidence/evidence-json";
import { loadNotificationHistory } from "../notifications/evidence/status-history";
import { CallbackMessage } from "../queues/queue-messages";
import { clearOutbox } from "./outbox";
import { deliveryStatusPayload, inboundSmsPayload } from "./payloads";
import { type PostResult, postCallback } from "./post-callback";

/** First try plus five retries, as Notify (max_retries=5); kept here so wrangler's setting cannot drop a log line. */
export const CALLBACK_MAX_ATTEMPTS = 6;
/** POSTs in flight at once per batch: one slow target must not hold up a whole batch for long. */
const CONCURRENCY = 10;

/** What the callbacks consumer needs; `fetch` and `timeoutMs` are for tests. */
export type CallbackDeps = Pick<Services, "db" | "secrets" | "config"> & { timeoutMs?: number; fetch?: typeof fetch };

/** Retry delays: 30 s, 60 s, 120 s, 240 s, then every 300 s (Notify retries every 5 minutes). */
export function callbackBackoffSeconds(attempts: number): number {
  return Math.min(300, 30 * 2 ** Math.max(0, attempts - 1));
}

/** Processes one batch; every message is acked or retried explicitly. */
export async function consumeCallbacks(batch: MessageBatch<unknown>, deps: CallbackDeps): Promise<void> {
  await clearOutboxOf(batch, deps);
  const queue = [...batch.messages];
  const worker = async () => {
    for (let message = queue.shift(); message; message = queue.shift()) await handle(message, deps);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
}

/** From here on the queue's retries own these callbacks: their outbox rows (outbox.ts) are done. */
async function clearOutboxOf(batch: MessageBatch<unknown>, deps: CallbackDeps): Promise<void> {
  const ids = batch.messages.flatMap((message) => {
    const parsed = v.safeParse(CallbackMessage, message.body);
    return parsed.success && parsed.output.kind === "delivery_status" ? [parsed.output.notificationId] : [];
  });
  try {
    await clearOutbox(deps.db, ids);
  } catch (error) {
    // Left in the outbox, a callback is only sent once more by the cron: no reason to hold this batch up.
    log.warn("callback_outbox_clear_failed", { callbacks: ids.length, ...errorFields(error) });
  }
}

async function handle(message: Message<unknown>, deps: CallbackDeps): Promise<void> {
  const parsed = v.safeParse(CallbackMessage, message.body);
  if (!parsed.success) {
    log.error("callback_message_invalid", { message_id: message.id });
    return message.ack();
  }
  const body = parsed.output;
  const ids = body.kind === "delivery_status" ? { notification_id: body.notificationId } : { received_text_id: body.receivedTextId };
  let result: PostResult | null;
  try {
    result = await send(body, deps);
  } catch (error) {
    // D1 or decryption trouble: worth another try later.
    log.error("callback_failed", { kind: body.kind, ...ids, attempts: message.attempts, ...errorFields(error) });
    result = { outcome: "retry", httpStatus: null, reason: "internal_error" };
  }
  if (result === null) return message.ack();
  const fields = { kind: body.kind, ...ids, attempts: message.attempts, http_status: result.httpStatus };
  if (result.outcome === "delivered") {
    log.info("callback_delivered", fields);
    return message.ack();
  }
  if (result.outcome === "retry" && message.attempts < CALLBACK_MAX_ATTEMPTS) {
    log.warn("callback_retry", { ...fields, reason: result.reason });
    return message.retry({ delaySeconds: callbackBackoffSeconds(message.attempts) });
  }
  log.warn("callback_given_up", { ...fields, reason: result.reason });
  message.ack();
}

/** null: nothing to send (row purged, or the callback was removed since). */
async function send(body: CallbackMessage, deps: CallbackDeps): Promise<PostResult | null> {
  const loaded =
    body.kind === "delivery_status"
      ? await loadDeliveryStatus(deps.db, body.notificationId)
      : await loadInbound(deps.db, body.receivedTextId);
  if (!loaded) return null;
  const [callback] = await deps.db
    .select({ url: serviceCallbacks.url, token: serviceCallbacks.bearerTokenEncrypted })
    .from(serviceCallbacks)
    .where(and(eq(serviceCallbacks.serviceId, loaded.serviceId), eq(serviceCallbacks.callbackType, body.kind)))
    .limit(1);
  if (!callback) return null;
  const token = await deps.secrets.decrypt(callback.token);
  return postCallback(callback.url, token, loaded.payload, {
    allowPrivate: deps.config.ALLOW_PRIVATE_CALLBACK_URLS,
    timeoutMs: deps.timeoutMs,
    fetch: deps.fetch,
  });
}

/**
 * Notify's body; a service that opted in (services.callback_history) also gets the status history
 * as an extra `history` field, which Notify's clients ignore.
 */
async function loadDeliveryStatus(db: Db, id: string) {
  const [found] = await db
    .select({ row: notifications, withHistory: services.callbackHistory })
    .from(notifications)
    .innerJoin(services, eq(services.id, notifications.serviceId))
    .where(eq(notifications.id, id))
    .limit(1);
  if (!found) return null;
  const payload = deliveryStatusPayload(found.row);
  return {
    serviceId: found.row.serviceId,
    payload: found.withHistory
      ? { ...payload, history: (await loadNotificationHistory(db, found.row.serviceId, id))?.map(historyEntryJson) ?? [] }
      : payload,
  };
}

async function loadInbound(db: Db, id: string) {
  const [row] = await db.select().from(receivedTexts).where(eq(receivedTexts.id, id)).limit(1);
  return row ? { serviceId: row.serviceId, payload: inboundSmsPayload(row) } : null;
}
