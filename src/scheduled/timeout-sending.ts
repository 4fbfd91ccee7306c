/**
 * Hourly: notifications still `sending` or `pending` 72 hours after they were handed to the
 * provider become `temporary-failure`, and the service gets its delivery-status callback (GOV.UK
 * Notify's `timeout-sending-notifications`, SENDING_NOTIFICATIONS_TIMEOUT_PERIOD = 259,200 s), unless
 * it was a first attempt that gets a second one (second-attempt.ts).
 * The change goes through the status transition function, so a receipt that arrives at the same
 * moment wins or loses cleanly and is never overwritten.
 */

import type { Services } from "../app/services";
import { log } from "../lib/log";
import { changeStatusBatch } from "../notifications/statuses";

/** Notify's SENDING_NOTIFICATIONS_TIMEOUT_PERIOD. */
export const SENDING_TIMEOUT_MS = 72 * 60 * 60_000;
const PER_ROUND = 500;
const MAX_ROUNDS = 40;

/** Times out what has waited too long; returns how many notifications changed. */
export async function timeoutSending(deps: Pick<Services, "callbackQueue" | "config" | "d1" | "db">, now: number): Promise<number> {
  const cutoff = now - SENDING_TIMEOUT_MS;
  let timedOut = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // created_at < cutoff is implied (sent_at is never before created_at) and uses the (status, created_at) index.
    const { results } = await deps.d1
      .prepare(
        `SELECT id FROM notifications WHERE status IN ('sending', 'pending') AND created_at < ?1
         AND COALESCE(sent_at, created_at) < ?1 ORDER BY created_at LIMIT ?2`,
      )
      .bind(cutoff, PER_ROUND)
      .all<{ id: string }>();
    if (results.length === 0) break;
    const applied = await changeStatusBatch(
      { db: deps.db, callbackQueue: deps.callbackQueue, config: deps.config },
      results.map((row) => ({
        notificationId: row.id,
        next: "temporary-failure" as const,
        source: "cron" as const,
        from: ["sending", "pending"] as const,
        fields: { providerResponse: "No delivery report within 72 hours" },
      })),
      now,
    );
    timedOut += applied.length;
    // Nothing applied: every selected row changed meanwhile; stop rather than spin.
    if (results.length < PER_ROUND || applied.length === 0) break;
  }
  if (timedOut > 0) log.warn("notifications_timed_out", { notifications: timedOut });
  return timedOut;
}
