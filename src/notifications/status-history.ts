/**
 * Reading a notification's status history (notification_events, written by the triggers of
 * migrations/0006): every transition, oldest first, in the shape the APIs and callbacks show it.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/database";
import { notificationEvents } from "../db/schema";
import { formatTimestamp } from "../lib/time";

export interface HistoryEntry {
  at: string;
  attempt: number;
  from_status: string | null;
  to_status: string;
  source: string | null;
  provider: string | null;
  provider_status: string | null;
  detail: string | null;
}

/** At most this many entries per notification (a notification has a handful; this bounds a bad row). */
export const MAX_HISTORY_ENTRIES = 100;

export async function statusHistory(db: Db, notificationId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .select()
    .from(notificationEvents)
    .where(eq(notificationEvents.notificationId, notificationId))
    .orderBy(asc(notificationEvents.id))
    .limit(MAX_HISTORY_ENTRIES);
  return rows.map((row) => ({
    at: formatTimestamp(row.at),
    attempt: row.attempt,
    from_status: row.fromStatus,
    to_status: row.toStatus,
    source: row.source,
    provider: row.provider,
    provider_status: row.providerStatus,
    detail: row.detail,
  }));
}
