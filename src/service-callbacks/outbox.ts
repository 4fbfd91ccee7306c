/**
 * The outbox of delivery-status callbacks, so a queue send that fails after a status change has
 * been committed never loses the callback:
 *
 *  1. the status change's D1 batch also inserts an outbox row for every changed notification that
 *     owes its service a callback (outboxInsertQuery; same transaction, so both or neither);
 *  2. the callback is then queued as before (enqueue.ts), and the callbacks consumer deletes the
 *     outbox rows of the messages the queue hands it (clearOutbox: from then on the queue's own
 *     retries own the message);
 *  3. the replay cron queues again what is still in the outbox after OUTBOX_RESEND_AFTER_MS
 *     (resendOutbox), so at worst a callback arrives late, or twice (callbacks are at least once,
 *     as in Notify).
 */
import { and, eq, lt, sql } from "drizzle-orm";
import type { Services } from "../app/services";
import type { Db } from "../db/database";
import { inJsonArray } from "../db/json-batches";
import { QUEUE_SEND_BATCH_MAX } from "../db/platform-limits";
import { callbackOutbox, type NotificationStatus, notifications } from "../db/schema";
import { log } from "../lib/log";

/** How long a callback may sit in the outbox before the cron queues it again. */
export const OUTBOX_RESEND_AFTER_MS = 5 * 60_000;
/** Rows one cron run queues again. */
const RESEND_PER_RUN = 1_000;

/**
 * Outbox rows for the notifications among `ids` that this batch changed (updated_at = now) to a
 * status in `callbackStatuses`, when their service has a delivery-status callback. Put it in the
 * same D1 batch, after the status UPDATEs.
 */
export function outboxInsertQuery(db: Db, ids: readonly string[], callbackStatuses: ReadonlySet<NotificationStatus>, now: number) {
  const owed = db
    .select({
      id: sql<string>`${notifications.id} || ':' || ${notifications.status}`.as("id"),
      notificationId: notifications.id,
      createdAt: sql<number>`${now}`.as("created_at"),
    })
    .from(notifications)
    .where(
      and(
        inJsonArray(notifications.id, ids),
        eq(notifications.updatedAt, now),
        inJsonArray(notifications.status, [...callbackStatuses]),
        sql`EXISTS (SELECT 1 FROM service_callbacks c WHERE c.service_id = ${notifications.serviceId} AND c.callback_type = 'delivery_status')`,
      ),
    );
  return db.insert(callbackOutbox).select(owed).onConflictDoNothing();
}

/** The queue has handed these notifications' callbacks to the consumer: their outbox rows are done. */
export async function clearOutbox(db: Db, notificationIds: readonly string[]): Promise<void> {
  if (notificationIds.length === 0) return;
  await db.delete(callbackOutbox).where(inJsonArray(callbackOutbox.notificationId, notificationIds));
}

/** Queues again the callbacks that have waited in the outbox for too long; returns how many. */
export async function resendOutbox(deps: Pick<Services, "db" | "callbackQueue">, now: number): Promise<number> {
  const stale = await deps.db
    .select({ id: callbackOutbox.id, notificationId: callbackOutbox.notificationId })
    .from(callbackOutbox)
    .where(lt(callbackOutbox.createdAt, now - OUTBOX_RESEND_AFTER_MS))
    .limit(RESEND_PER_RUN);
  for (let i = 0; i < stale.length; i += QUEUE_SEND_BATCH_MAX) {
    const page = stale.slice(i, i + QUEUE_SEND_BATCH_MAX);
    await deps.callbackQueue.sendBatch(page.map((row) => ({ body: { kind: "delivery_status", notificationId: row.notificationId } })));
    // Queued again: the clock starts over, so a slow consumer does not get it every minute.
    await deps.db
      .update(callbackOutbox)
      .set({ createdAt: now })
      .where(
        inJsonArray(
          callbackOutbox.id,
          page.map((row) => row.id),
        ),
      );
  }
  if (stale.length > 0) log.warn("callback_outbox_resent", { callbacks: stale.length });
  return stale.length;
}
