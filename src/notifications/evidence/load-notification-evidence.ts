/** The evidence of one notification of a service, read in one D1 batch (one consistent state). */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { notificationEvents, notifications } from "../../db/schema";
import {
  type EvidenceHeader,
  type EvidenceRecord,
  evidenceHeader,
  evidenceRecord,
  evidenceRowsQuery,
  headerQuery,
} from "./evidence-record";
import { historyQuery } from "./status-history";

export interface NotificationEvidence extends EvidenceHeader {
  record: EvidenceRecord;
}

export interface EvidenceContext {
  serviceId: string;
  origin: string;
  now: number;
}

/** Undefined when the service has no such notification (unknown, purged, or another service's). */
export async function loadNotificationEvidence(
  db: Db,
  context: EvidenceContext,
  notificationId: string,
): Promise<NotificationEvidence | undefined> {
  const [rows, history, names] = await db.batch([
    evidenceRowsQuery(db, context.serviceId, eq(notifications.id, notificationId)),
    historyQuery(db, context.serviceId, eq(notificationEvents.notificationId, notificationId)),
    headerQuery(db, context.serviceId),
  ]);
  const [row] = rows;
  if (!row) return undefined;
  return { ...evidenceHeader(context.serviceId, names[0], context.origin, context.now), record: evidenceRecord(row, history) };
}
