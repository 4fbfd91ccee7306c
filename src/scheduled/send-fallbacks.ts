/**
 * Every minute: the fallback (extension, Wmebv) of notifications that failed for good. A row in a
 * failure status is final (a second attempt starts in the same batch as the failure it follows,
 * src/notifications/second-attempt.ts), so the work list is simply: failed, with fallback_to and
 * no fallback yet (index notifications_fallback_due).
 *
 * Each fallback is a new notification of the same service in the other channel, rendered from the
 * fallback template with the stored personalisation, with fallback_of = the original; the original
 * gets fallback_notification_id. Its id is derived from the original's, so the insert is idempotent
 * (a run that died half-way, or two overlapping runs, make one fallback). It is then handed to the
 * OrgGate as the release cron does (not counted against the daily limits again); a failed enqueue
 * is picked up by the replay cron. A fallback that can no longer be made (its template was archived
 * since) is logged and tried again for FALLBACK_WINDOW_MS only.
 */
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Services } from "../app/services";
import { insertNotifications } from "../db/insert-notifications";
import { notificationEvents, notifications } from "../db/schema";
import { NotifyError } from "../errors";
import { errorFields, log } from "../lib/log";
import { fallbackIdFor, prepareFallbackRow } from "../notifications/fallback-row";
import { enqueueByOrganisation, type ReleasedRow } from "./enqueue-rows";

/** How long after the failure a fallback is still attempted. */
export const FALLBACK_WINDOW_MS = 24 * 60 * 60_000;
const PER_RUN = 200;

type Deps = Pick<Services, "config" | "d1" | "db" | "gateFor">;

/** Makes the fallbacks that are due; returns how many were handed to the pipeline. */
export async function sendFallbacks(deps: Deps, now: number): Promise<number> {
  const { results } = await deps.d1
    .prepare(
      `SELECT id FROM notifications WHERE fallback_to IS NOT NULL AND fallback_notification_id IS NULL
       AND updated_at > ? AND status IN ('temporary-failure', 'technical-failure', 'permanent-failure')
       ORDER BY updated_at LIMIT ?`,
    )
    .bind(now - FALLBACK_WINDOW_MS, PER_RUN)
    .all<{ id: string }>();
  const made: ReleasedRow[] = [];
  for (const { id } of results) {
    try {
      const row = await makeFallback(deps, id, now);
      if (row) made.push(row);
    } catch (error) {
      const level = error instanceof NotifyError ? "warn" : "error";
      log[level]("fallback_not_made", { notification_id: id, ...errorFields(error) });
      // A refusal (opted out, template archived since) will not change by trying again: record it
      // and take the row off the work list, so such rows cannot crowd out the fallbacks after them.
      if (error instanceof NotifyError) await giveUpFallback(deps, id, error.message, now);
    }
  }
  const enqueued = await enqueueByOrganisation(deps, made, "fallback");
  if (made.length > 0) log.info("fallbacks_made", { notifications: made.length, enqueued });
  return enqueued;
}

/** Inserts the fallback of `originalId` (if not there yet) and links the original to it. */
async function makeFallback(deps: Deps, originalId: string, now: number): Promise<ReleasedRow | null> {
  const original = await deps.db.select().from(notifications).where(eq(notifications.id, originalId)).get();
  if (!original?.fallbackTo || original.fallbackNotificationId) return null;
  const row = await prepareFallbackRow(deps.db, original, await fallbackIdFor(original.id), now);
  await insertNotifications(deps.d1, [row], { ignoreExisting: true });
  // Not a status change: updated_at (the failure's time, shown as completed) stays as it is.
  const linked = await deps.db
    .update(notifications)
    .set({ fallbackNotificationId: row.id })
    .where(and(eq(notifications.id, original.id), isNull(notifications.fallbackNotificationId)))
    .returning({ id: notifications.id });
  if (linked.length === 0) return null;
  // The original's history names its fallback (the fallback's own history starts with its insert,
  // source `fallback`, and its row names the original in fallback_of).
  await deps.db.insert(notificationEvents).values({
    notificationId: original.id,
    serviceId: original.serviceId,
    at: now,
    attempt: original.attempt,
    fromStatus: original.status,
    toStatus: original.status,
    source: "fallback",
    detail: `Fallback sent as ${row.id}`,
  });
  return { id: row.id as string, service_id: row.serviceId, organisation_id: row.organisationId, lane: row.lane };
}

/** The fallback will not be sent: the original's history says why, and fallback_to is cleared. */
async function giveUpFallback(deps: Deps, originalId: string, reason: string, now: number): Promise<void> {
  await deps.db.batch([
    deps.db.insert(notificationEvents).select(
      deps.db
        .select({
          // NULL: SQLite gives an INTEGER PRIMARY KEY the next id.
          id: sql<null>`NULL`.as("id"),
          notificationId: notifications.id,
          serviceId: notifications.serviceId,
          at: sql<number>`${now}`.as("at"),
          attempt: notifications.attempt,
          fromStatus: notifications.status,
          toStatus: notifications.status,
          source: sql<string>`'fallback'`.as("source"),
          provider: sql<null>`NULL`.as("provider"),
          providerStatus: sql<null>`NULL`.as("provider_status"),
          detail: sql<string>`${`Fallback not sent: ${reason}`.slice(0, 500)}`.as("detail"),
        })
        .from(notifications)
        .where(and(eq(notifications.id, originalId), isNull(notifications.fallbackNotificationId), isNotNull(notifications.fallbackTo))),
    ),
    deps.db
      .update(notifications)
      .set({ fallbackTo: null, fallbackTemplateId: null })
      .where(and(eq(notifications.id, originalId), isNull(notifications.fallbackNotificationId))),
  ]);
}
