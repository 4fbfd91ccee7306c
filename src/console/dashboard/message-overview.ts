/**
 * How a service's messages did over its retention period (older ones are purged,
 * src/scheduled/purge-retention.ts): counts per Dutch day, channel and status group, and the
 * failures with the provider's codes. Two GROUP BY queries in one D1 batch, each a range over the
 * index notifications_service_created (service_id, created_at) of the period only; JavaScript only
 * fills in the days without messages. Test-key messages are not counted, as in the statistics of
 * the admin API (src/admin/statistics/service-statistics.ts) and in GOV.UK Notify.
 *
 * Why not that statistics function itself: it counts UTC days (the admin API's contract) and adds
 * the purged counts kept per UTC day (daily_statistics), while the console shows Dutch days, all
 * of them within retention, where every message is still a row.
 */
import { and, count, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { notifications } from "../../db/schema";
import { dayExpression, lastAmsterdamDays, startOfAmsterdamDay } from "./amsterdam-days";
import { FAILURE_STATUSES, groupOf, type StatusGroup } from "./status-groups";

export type Channel = "sms" | "email";
const CHANNELS: readonly Channel[] = ["sms", "email"];

/** Distinct (channel, failure status, provider code) rows read at most; CM has a few dozen codes. */
const MAX_CODE_ROWS = 100;

export type GroupCounts = Record<StatusGroup, number>;

export interface DayCounts {
  /** The Dutch day, YYYY-MM-DD. */
  day: string;
  counts: GroupCounts;
  total: number;
}

export interface ChannelOverview {
  channel: Channel;
  /** Every day of the period, oldest first, days without messages as 0. */
  days: DayCounts[];
  totals: GroupCounts;
  total: number;
}

export interface ProviderCode {
  /** The provider's status code, e.g. CM "3/8"; null when the provider gave none. */
  code: string | null;
  count: number;
}

export interface FailureCount {
  channel: Channel;
  status: string;
  count: number;
  /** The provider's codes of these failures, most frequent first. */
  codes: ProviderCode[];
}

export interface MessageOverview {
  /** When the first day of the period started. */
  from: number;
  days: string[];
  channels: Record<Channel, ChannelOverview>;
  failures: FailureCount[];
}

const noCounts = (): GroupCounts => ({ afgeleverd: 0, onderweg: 0, mislukt: 0, geannuleerd: 0 });

/** The last `periodDays` Dutch days up to and including today (the day of `now`). */
export async function messageOverview(db: Db, serviceId: string, periodDays: number, now: number): Promise<MessageOverview> {
  const days = lastAmsterdamDays(now, Math.max(1, periodDays));
  const from = startOfAmsterdamDay(days[0] ?? "");
  const inPeriod = and(eq(notifications.serviceId, serviceId), gte(notifications.createdAt, from), ne(notifications.keyType, "test"));
  const day = dayExpression(notifications.createdAt, from, now + 86_400_000);
  const [perDay, codes] = await db.batch([
    db
      .select({ day: sql<string>`${day}`, channel: notifications.notificationType, status: notifications.status, count: count() })
      .from(notifications)
      .where(inPeriod)
      .groupBy(sql`1`, sql`2`, sql`3`),
    db
      .select({ channel: notifications.notificationType, status: notifications.status, code: notifications.providerStatus, count: count() })
      .from(notifications)
      .where(and(inPeriod, inArray(notifications.status, FAILURE_STATUSES)))
      .groupBy(notifications.notificationType, notifications.status, notifications.providerStatus)
      .orderBy(desc(count()))
      .limit(MAX_CODE_ROWS),
  ]);

  const channels = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      { channel, days: days.map((d) => ({ day: d, counts: noCounts(), total: 0 })), totals: noCounts(), total: 0 },
    ]),
  ) as Record<Channel, ChannelOverview>;
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const failures = new Map<string, FailureCount>();
  for (const row of perDay) {
    const overview = channels[row.channel];
    const entry = overview.days[dayIndex.get(row.day) ?? -1];
    if (!entry) continue;
    const group = groupOf(row.status);
    entry.counts[group] += row.count;
    entry.total += row.count;
    overview.totals[group] += row.count;
    overview.total += row.count;
    if (group === "mislukt") {
      const key = `${row.channel}|${row.status}`;
      const failure = failures.get(key) ?? { channel: row.channel, status: row.status, count: 0, codes: [] };
      failure.count += row.count;
      failures.set(key, failure);
    }
  }
  for (const row of codes) failures.get(`${row.channel}|${row.status}`)?.codes.push({ code: row.code, count: row.count });

  const order = (f: FailureCount) => CHANNELS.indexOf(f.channel) * 10 + FAILURE_STATUSES.indexOf(f.status as never);
  return { from, days, channels, failures: [...failures.values()].sort((a, b) => order(a) - order(b)) };
}
