/**
 * Messages per day, channel and status for one service, with SMS fragments billed: the anonymous
 * daily counts left behind by the retention purge (daily_statistics), plus a live GROUP BY over the
 * notifications not purged yet. The purge moves rows from one side to the other in one transaction,
 * so every message is counted exactly once. Test-key messages are not counted (as in Notify).
 */
import * as v from "valibot";
import { utcDay } from "../../lib/time";

/** SMS statuses that are billed (UK-API: fragments count once handed to the provider). */
const BILLABLE_SMS = new Set(["sending", "sent", "delivered", "pending", "temporary-failure", "permanent-failure"]);
const DAY_MS = 86_400_000;

const day = v.pipe(v.string(), v.isoDate(), v.description("A UTC day, YYYY-MM-DD"));

const DayStatistic = v.object({
  day,
  notification_type: v.picklist(["sms", "email"]),
  status: v.string(),
  count: v.number(),
  fragments_billed: v.number(),
});
export type DayStatistic = v.InferOutput<typeof DayStatistic>;

export const ServiceStatistics = v.object({
  service_id: v.string(),
  days: v.number(),
  from: day,
  to: day,
  statistics: v.array(DayStatistic),
  totals: v.object({ sms: v.object({ count: v.number(), fragments_billed: v.number() }), email: v.object({ count: v.number() }) }),
});
export type ServiceStatistics = v.InferOutput<typeof ServiceStatistics>;

interface CountRow {
  day: string;
  notification_type: "sms" | "email";
  status: string;
  count: number;
  billable_units: number;
}

/** The last `days` UTC days up to and including today. */
export async function serviceStatistics(d1: D1Database, serviceId: string, days: number, now: number): Promise<ServiceStatistics> {
  const fromMs = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const from = utcDay(fromMs);
  const [folded, live] = await d1.batch<CountRow>([
    d1
      .prepare(`SELECT day, notification_type, status, count, billable_units FROM daily_statistics WHERE service_id = ? AND day >= ?`)
      .bind(serviceId, from),
    d1
      .prepare(
        `SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS day, notification_type, status,
           COUNT(*) AS count, SUM(billable_units) AS billable_units
         FROM notifications WHERE service_id = ? AND created_at >= ? AND key_type <> 'test'
         GROUP BY 1, 2, 3`,
      )
      .bind(serviceId, fromMs),
  ]);
  const merged = new Map<string, DayStatistic>();
  for (const row of [...(folded?.results ?? []), ...(live?.results ?? [])]) {
    const key = `${row.day}|${row.notification_type}|${row.status}`;
    const entry = merged.get(key) ?? {
      day: row.day,
      notification_type: row.notification_type,
      status: row.status,
      count: 0,
      fragments_billed: 0,
    };
    entry.count += row.count;
    if (row.notification_type === "sms" && BILLABLE_SMS.has(row.status)) entry.fragments_billed += row.billable_units ?? 0;
    merged.set(key, entry);
  }
  const statistics = [...merged.values()].sort(
    (a, b) => compare(b.day, a.day) || compare(a.notification_type, b.notification_type) || compare(a.status, b.status),
  );
  const totals = { sms: { count: 0, fragments_billed: 0 }, email: { count: 0 } };
  for (const entry of statistics) {
    if (entry.notification_type === "sms") {
      totals.sms.count += entry.count;
      totals.sms.fragments_billed += entry.fragments_billed;
    } else totals.email.count += entry.count;
  }
  return { service_id: serviceId, days, from, to: utcDay(now), statistics, totals };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
