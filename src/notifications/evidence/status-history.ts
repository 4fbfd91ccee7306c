/**
 * Reading a notification's status history (notification_events) back. The rows are written by the
 * D1 triggers of migrations/0006 only, so this file never writes; it reads them oldest first (by
 * their autoincrement id, which is the order the triggers wrote them in, even for two changes in
 * the same millisecond). Every read is scoped by service as well as by notification.
 */
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../../db/database";
import { notificationEvents, notifications } from "../../db/schema";

/** One status change: when, which attempt, from and to, who made it, and what the provider said. */
export interface HistoryEntry {
  notificationId: string;
  at: number;
  attempt: number;
  fromStatus: string | null;
  toStatus: string;
  source: string | null;
  provider: string | null;
  providerStatus: string | null;
  detail: string | null;
}

const historyColumns = {
  notificationId: notificationEvents.notificationId,
  at: notificationEvents.at,
  attempt: notificationEvents.attempt,
  fromStatus: notificationEvents.fromStatus,
  toStatus: notificationEvents.toStatus,
  source: notificationEvents.source,
  provider: notificationEvents.provider,
  providerStatus: notificationEvents.providerStatus,
  detail: notificationEvents.detail,
};

/** The history rows of the service's notifications matching `which`, oldest first per notification. */
export function historyQuery(db: Db, serviceId: string, which: SQL) {
  return db
    .select(historyColumns)
    .from(notificationEvents)
    .where(and(eq(notificationEvents.serviceId, serviceId), which))
    .orderBy(asc(notificationEvents.id));
}

/**
 * The history of one of the service's notifications, or undefined when the service has no such
 * notification (an unknown id and another service's id look the same). One D1 batch, so the
 * existence check and the history are read from the same state.
 */
export async function loadNotificationHistory(db: Db, serviceId: string, notificationId: string): Promise<HistoryEntry[] | undefined> {
  const [found, history] = await db.batch([
    db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.id, notificationId), eq(notifications.serviceId, serviceId))),
    historyQuery(db, serviceId, eq(notificationEvents.notificationId, notificationId)),
  ]);
  return found.length === 0 ? undefined : history;
}

/** Entries grouped by notification id, each group oldest first. */
export function groupHistory(entries: readonly HistoryEntry[]): Map<string, HistoryEntry[]> {
  const byNotification = new Map<string, HistoryEntry[]>();
  for (const entry of entries) {
    const group = byNotification.get(entry.notificationId);
    if (group) group.push(entry);
    else byNotification.set(entry.notificationId, [entry]);
  }
  return byNotification;
}
