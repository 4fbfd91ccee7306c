/**
 * The evidence of every notification a service sent to one recipient, newest first, bounded: at
 * most `limit` notifications (`truncated` says there were more), so one request cannot read a
 * service's whole history. The recipient is matched on notifications.normalised_to, normalised
 * as the send path does (evidence-recipient.ts), so "06-1234 5678" finds "+31612345678".
 *
 * There is no index on normalised_to: every insert would pay for it, and evidence requests are
 * rare. The query walks the service's notifications newest first (notifications_service_created)
 * and stops at `limit` + 1 matches, so a large service with few matches reads its rows within
 * retention once per request.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { notificationEvents, notifications } from "../../db/schema";
import type { EvidenceRecipient } from "./evidence-recipient";
import {
  type EvidenceHeader,
  type EvidenceRecord,
  evidenceHeader,
  evidenceRecord,
  evidenceRowsQuery,
  headerQuery,
} from "./evidence-record";
import type { EvidenceContext } from "./load-notification-evidence";
import { groupHistory, historyQuery } from "./status-history";

export const MAX_RECIPIENT_NOTIFICATIONS = 1_000;

export interface RecipientEvidence extends EvidenceHeader {
  recipient: EvidenceRecipient;
  records: EvidenceRecord[];
  /** The most notifications one export holds. */
  limit: number;
  /** True when the recipient has more notifications than `limit` (the oldest are left out). */
  truncated: boolean;
}

export async function loadRecipientEvidence(
  db: Db,
  context: EvidenceContext,
  recipient: EvidenceRecipient,
  limit = MAX_RECIPIENT_NOTIFICATIONS,
): Promise<RecipientEvidence> {
  const matches = and(eq(notifications.notificationType, recipient.channel), eq(notifications.normalisedTo, recipient.normalised));
  // The same newest `limit + 1` ids for the history, as a subquery, so the batch reads them once.
  const newest = db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.serviceId, context.serviceId), matches))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const [rows, history, names] = await db.batch([
    evidenceRowsQuery(db, context.serviceId, matches)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit + 1),
    historyQuery(db, context.serviceId, sql`${notificationEvents.notificationId} IN ${newest}`),
    headerQuery(db, context.serviceId),
  ]);
  const byNotification = groupHistory(history);
  const kept = rows.slice(0, limit);
  return {
    ...evidenceHeader(context.serviceId, names[0], context.origin, context.now),
    recipient,
    records: kept.map((row) => evidenceRecord(row, byNotification.get(row.notification.id) ?? [])),
    limit,
    truncated: rows.length > limit,
  };
}
