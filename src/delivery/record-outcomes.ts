/**
 * Provider outcomes → ONE D1 batch: hand-offs (sending/sent + sent_at, fragments, provider,
 * reference), rejections (permanent-failure), technical failures, and claim releases for the
 * messages that will be retried, the second attempt of first-attempt technical failures
 * (second-attempt.ts) and the outbox rows of the callbacks owed. Then the callbacks.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { errorFields, log } from "../lib/log";
import { markRetried, retryDelaySeconds, secondAttemptQuery } from "../notifications/second-attempt";
import {
  type AppliedChange,
  CALLBACK_STATUSES,
  handOffQuery,
  notifyApplied,
  type StatusDeps,
  statusUpdateQuery,
} from "../notifications/statuses";
import type { SendOutcome } from "../providers/outcome";
import { outboxInsertQuery } from "../service-callbacks/outbox";
import { releaseClaimQuery } from "./claim";

/**
 * The provider already has these messages: losing this write would leave fresh claims that are
 * re-claimed (and re-sent) once stale, so a D1 hiccup gets a few quick retries first.
 */
const WRITE_ATTEMPTS = 3;

/** Records the outcomes; returns the status changes that applied. */
export async function recordOutcomes(deps: StatusDeps, outcomes: readonly SendOutcome[], now: number): Promise<AppliedChange[]> {
  if (outcomes.length === 0) return [];
  const queries: BatchItem<"sqlite">[] = outcomes.map((o) => queryFor(deps, o, now));
  const failed = outcomes.filter((o) => o.kind === "failed").map((o) => o.notificationId);
  // Before the outbox insert, which then owes a retried failure no callback.
  if (failed.length > 0) queries.push(secondAttemptQuery(deps.db, failed, now, retryDelaySeconds(deps.config)));
  const settled = outcomes.filter((o) => o.kind !== "retry").map((o) => o.notificationId);
  if (settled.length > 0) queries.push(outboxInsertQuery(deps.db, settled, CALLBACK_STATUSES, now));
  const results = await batchWithRetries(deps, queries);
  const found: AppliedChange[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.kind === "retry") return;
    const row = (results[i] as AppliedChange[] | undefined)?.[0];
    // A hand-off that found the row already moved on by a receipt changed no status.
    const expected = outcome.kind === "accepted" ? outcome.status : outcome.kind === "rejected" ? "permanent-failure" : "technical-failure";
    if (row && row.status === expected) found.push(row);
  });
  const applied = failed.length > 0 ? markRetried(found, results[outcomes.length]) : found;
  try {
    await notifyApplied(deps, applied);
  } catch (error) {
    // The statuses and the outbox rows are recorded (the replay cron sends those); failing the batch
    // now would only risk sending messages twice.
    log.error("callback_enqueue_failed", { notifications: applied.length, ...errorFields(error) });
  }
  return applied;
}

async function batchWithRetries(deps: StatusDeps, queries: BatchItem<"sqlite">[]): Promise<unknown[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await deps.db.batch(queries as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown[];
    } catch (error) {
      if (attempt >= WRITE_ATTEMPTS) throw error;
      log.warn("record_outcomes_retry", { attempt, statements: queries.length, ...errorFields(error) });
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

function queryFor(deps: StatusDeps, outcome: SendOutcome, now: number): BatchItem<"sqlite"> {
  const { db } = deps;
  switch (outcome.kind) {
    case "accepted":
      return handOffQuery(
        db,
        outcome.notificationId,
        outcome.status,
        { sentAt: now, billableUnits: outcome.billableUnits, provider: outcome.provider, providerReference: outcome.providerReference },
        now,
      );
    case "rejected":
      return statusUpdateQuery(
        db,
        {
          notificationId: outcome.notificationId,
          next: "permanent-failure",
          source: "dispatch",
          fields: { billableUnits: outcome.billableUnits, provider: outcome.provider, providerResponse: outcome.reason, claimedAt: null },
        },
        now,
      );
    case "failed":
      return statusUpdateQuery(
        db,
        {
          notificationId: outcome.notificationId,
          next: "technical-failure",
          source: "dispatch",
          fields: { providerResponse: outcome.reason, claimedAt: null },
          from: ["created"],
        },
        now,
      );
    case "retry":
      return releaseClaimQuery(db, outcome.notificationId, now);
  }
}
