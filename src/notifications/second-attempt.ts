/**
 * Wmebv: a notification whose FIRST attempt fails (temporary-failure or technical-failure) is sent
 * once more, as the same notification. The statement runs in the same D1 batch right after the
 * failure UPDATEs (statuses.ts, record-outcomes.ts): it moves the rows that just failed back to
 * `created`, attempt 2, scheduled for later, so the release cron sends them again through the
 * OrgGate (whose enqueue counts nothing against the daily limits: that was done once, at admission).
 * The history triggers record both steps, the failure (attempt 1, the provider's code) and the
 * return to `created` (attempt 2, source `retry`).
 *
 * Because failure and retry are one transaction, a row that rests in a failure status is final:
 * there is never a failure that is "still to be retried" (the fallback cron relies on that).
 *
 * Retried when: attempt 1, not a test key, the template's retry_failed (or, when null, the service's
 * retry_sms / retry_email) is on, and the recipient is not on the service's suppression list.
 * Never after permanent-failure (not in RETRYABLE_STATUSES).
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../db/database";
import { inJsonArray } from "../db/json-batches";
import { type NotificationStatus, notifications } from "../db/schema";

/** Failures worth a second attempt; a permanent failure would only fail again. */
export const RETRYABLE_STATUSES: ReadonlySet<NotificationStatus> = new Set(["temporary-failure", "technical-failure"]);

/** The template's setting, else the service's for the notification's channel. */
const RETRY_ON = sql`COALESCE(
  (SELECT t.retry_failed FROM templates t WHERE t.id = notifications.template_id),
  (SELECT CASE notifications.notification_type WHEN 'sms' THEN s.retry_sms ELSE s.retry_email END
     FROM services s WHERE s.id = notifications.service_id)
) = 1`;

const NOT_SUPPRESSED = sql`NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.service_id = notifications.service_id
  AND x.channel = notifications.notification_type AND x.recipient = notifications.normalised_to)`;

/**
 * The conditional UPDATE that starts the second attempt of those among `ids` that this batch has
 * just (updated_at = now) moved to a retryable failure; returns the ids it retried. Run it after
 * the failure UPDATEs and before the callback outbox insert, which then finds them `created` and
 * owes no callback: the service hears only the final status.
 */
export function secondAttemptQuery(db: Db, ids: readonly string[], now: number, defaultDelaySeconds: number) {
  const delaySeconds = sql`COALESCE((SELECT s.retry_after_seconds FROM services s WHERE s.id = notifications.service_id), ${defaultDelaySeconds})`;
  return db
    .update(notifications)
    .set({
      status: "created",
      attempt: 2,
      scheduledFor: sql`${now} + 1000 * ${delaySeconds}`,
      updatedAt: now,
      completedAt: null,
      statusSource: "retry",
      providerStatus: null,
      provider: null,
      providerReference: null,
      providerResponse: null,
      claimedAt: null,
      sentAt: null,
      // The replay cron recognises a row that never reached a dispatch consumer by send_attempts = 0.
      sendAttempts: 0,
    })
    .where(
      and(
        inJsonArray(notifications.id, ids),
        inJsonArray(notifications.status, [...RETRYABLE_STATUSES]),
        eq(notifications.attempt, 1),
        eq(notifications.updatedAt, now),
        ne(notifications.keyType, "test"),
        RETRY_ON,
        NOT_SUPPRESSED,
      ),
    )
    .returning({ notificationId: notifications.id });
}

/** The deployment's delay (RETRY_FAILED_AFTER_SECONDS), for callers that have the config. */
export function retryDelaySeconds(config: { RETRY_FAILED_AFTER_SECONDS: number } | undefined): number {
  return config?.RETRY_FAILED_AFTER_SECONDS ?? DEFAULT_RETRY_AFTER_SECONDS;
}

/** RETRY_FAILED_AFTER_SECONDS when a caller has no config (src/config.ts has the same default). */
export const DEFAULT_RETRY_AFTER_SECONDS = 900;

/** Applied changes with the rows secondAttemptQuery returned (`retriedRows`) reported as `created`. */
export function markRetried<T extends { notificationId: string; status: NotificationStatus }>(
  applied: readonly T[],
  retriedRows: unknown,
): T[] {
  const retried = new Set((Array.isArray(retriedRows) ? (retriedRows as { notificationId: string }[]) : []).map((r) => r.notificationId));
  return applied.map((a) => (retried.has(a.notificationId) ? { ...a, status: "created" } : a));
}
