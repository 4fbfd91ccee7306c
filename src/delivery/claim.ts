/**
 * Claiming rows before sending: a conditional UPDATE that only one consumer can win, so a message
 * is handed to the provider once even when the queue delivers it twice. Claimed rows stay
 * `created` (with claimed_at and send_attempts + 1) until the provider's answer is recorded.
 */
import { and, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/database";
import { inJsonArray } from "../db/json-batches";
import { notifications } from "../db/schema";
import { cancelRowsOfCancelledJobsQuery } from "../notifications/statuses";
import { STALE_CLAIM_MS } from "./policy";

/** A notifications row as the dispatch consumer reads it. */
export type NotificationRow = typeof notifications.$inferSelect;

/**
 * Claims every id that is `created`, due, and not claimed by a live consumer (no claim, or one
 * older than STALE_CLAIM_MS). Returns the claimed rows. In the same D1 batch, rows of a cancelled
 * job are cancelled first, so they are never claimed.
 */
export async function claimNotifications(db: Db, ids: readonly string[], now: number): Promise<NotificationRow[]> {
  if (ids.length === 0) return [];
  const idsJson = JSON.stringify(ids);
  const [, claimed] = await db.batch([
    cancelRowsOfCancelledJobsQuery(db, idsJson, now - STALE_CLAIM_MS, now),
    claimQuery(db, idsJson, now),
  ]);
  return claimed;
}

function claimQuery(db: Db, idsJson: string, now: number) {
  return db
    .update(notifications)
    .set({ claimedAt: now, sendAttempts: sql`${notifications.sendAttempts} + 1`, updatedAt: now })
    .where(
      and(
        inJsonArray(notifications.id, idsJson),
        eq(notifications.status, "created"),
        or(isNull(notifications.claimedAt), lt(notifications.claimedAt, now - STALE_CLAIM_MS)),
        or(isNull(notifications.scheduledFor), lte(notifications.scheduledFor, now)),
      ),
    )
    .returning();
}

/** Why the rows that were not claimed were not: decides between ack and retry. */
export async function loadUnclaimed(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, Pick<NotificationRow, "status" | "claimedAt" | "scheduledFor">>> {
  const found = new Map<string, Pick<NotificationRow, "status" | "claimedAt" | "scheduledFor">>();
  if (ids.length === 0) return found;
  const rows = await db
    .select({
      id: notifications.id,
      status: notifications.status,
      claimedAt: notifications.claimedAt,
      scheduledFor: notifications.scheduledFor,
    })
    .from(notifications)
    .where(inJsonArray(notifications.id, ids));
  for (const { id, ...rest } of rows) found.set(id, rest);
  return found;
}

/** Gives a claim back after a transient failure, so the retry (or the replay cron) can take it. */
export function releaseClaimQuery(db: Db, id: string, now: number) {
  return db
    .update(notifications)
    .set({ claimedAt: null, updatedAt: now })
    .where(and(eq(notifications.id, id), eq(notifications.status, "created")))
    .returning({ notificationId: notifications.id });
}
