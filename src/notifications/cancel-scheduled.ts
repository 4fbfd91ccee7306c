/**
 * Cancelling one scheduled notification (POST /v2/notifications/{id}/cancel): allowed while it is
 * `created` and still waiting for its time. The change goes through the status transition function
 * (created → cancelled, only if no dispatch consumer holds a claim). Should the release cron have
 * released it a moment earlier, it is cancelled all the same before anything was sent: the dispatch
 * claim only takes `created` rows.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/database";
import { notifications } from "../db/schema";
import { STALE_CLAIM_MS } from "../delivery/policy";
import { applyStatusBatch } from "./statuses";

/** A stored notification. */
export type NotificationRow = typeof notifications.$inferSelect;

/** The cancelled row, or why nothing was cancelled. */
export type CancelScheduledResult = { result: "cancelled"; row: NotificationRow } | { result: "not_found" } | { result: "not_cancellable" };

/** Cancels notification `id` of service `serviceId` if it is scheduled and not yet sent. */
export async function cancelScheduledNotification(db: Db, serviceId: string, id: string, now: number): Promise<CancelScheduledResult> {
  const where = and(eq(notifications.id, id), eq(notifications.serviceId, serviceId));
  const row = await db.select().from(notifications).where(where).get();
  if (!row) return { result: "not_found" };
  if (row.status !== "created" || row.scheduledFor === null || row.scheduledFor <= now) return { result: "not_cancellable" };
  const applied = await applyStatusBatch(
    db,
    [{ notificationId: id, next: "cancelled", source: "api-cancel", unclaimedSince: now - STALE_CLAIM_MS }],
    now,
  );
  if (applied.length === 0) return { result: "not_cancellable" };
  const after = await db.select().from(notifications).where(where).get();
  return after ? { result: "cancelled", row: after } : { result: "not_found" };
}
