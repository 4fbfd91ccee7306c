/**
 * Days as the console's readers know them: Dutch time (Europe/Amsterdam, winter and summer time),
 * not UTC. SQLite in D1 only knows UTC, so a GROUP BY per Dutch day adds the right offset to each
 * time itself: `dayExpression` is a CASE over the (at most a few) offset changes in the period, with
 * the times and offsets as bound values. Dutch midnight never falls in a clock change (those are at
 * 02:00 and 03:00), so every day has one start.
 */
import { type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { utcDay } from "../../lib/time";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Dutch time minus UTC at `ms`, in milliseconds (3 600 000 in winter, 7 200 000 in summer). */
function amsterdamOffset(ms: number): number {
  const at = Object.fromEntries(parts.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(at.year ?? 0, (at.month ?? 1) - 1, at.day ?? 1, at.hour ?? 0, at.minute ?? 0, at.second ?? 0);
  return wall - (ms - (ms % 1000));
}

/** The Dutch day (YYYY-MM-DD) of a time. */
export function amsterdamDay(ms: number): string {
  return utcDay(ms + amsterdamOffset(ms));
}

/** The time Dutch day `day` (YYYY-MM-DD) starts. */
export function startOfAmsterdamDay(day: string): number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  const guess = midnightUtc - amsterdamOffset(midnightUtc);
  return midnightUtc - amsterdamOffset(guess);
}

/** The last `count` Dutch days up to and including today, oldest first. */
export function lastAmsterdamDays(now: number, count: number): string[] {
  const today = Date.parse(`${amsterdamDay(now)}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => utcDay(today - (count - 1 - i) * DAY_MS));
}

/** A stretch of time with one offset: from `from` (inclusive) on, until the next segment. */
export interface OffsetSegment {
  from: number;
  offset: number;
}

/** The offsets in force between `from` and `to`, first segment starting at `from`. */
export function offsetSegments(from: number, to: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [{ from, offset: amsterdamOffset(from) }];
  const firstHour = from - (from % HOUR_MS) + HOUR_MS;
  // A day at a time, then the hours of a day whose offset changed: clock changes happen on a
  // whole UTC hour, and at most twice a year, so this finds each one exactly in few steps.
  for (let day = firstHour; day <= to; day += DAY_MS) {
    const end = Math.min(day + DAY_MS - HOUR_MS, to - (to % HOUR_MS));
    if (amsterdamOffset(end) === segments[segments.length - 1]?.offset) continue;
    for (let hour = day; hour <= end; hour += HOUR_MS) {
      const offset = amsterdamOffset(hour);
      if (offset !== segments[segments.length - 1]?.offset) segments.push({ from: hour, offset });
    }
  }
  return segments;
}

/** SQL for the Dutch day (YYYY-MM-DD) of a millisecond time column, valid between `from` and `to`. */
export function dayExpression(column: SQLiteColumn | SQL, from: number, to: number): SQL {
  const segments = offsetSegments(from, to);
  const [first, ...later] = segments;
  const cases = later.reverse().map((s) => sql`WHEN ${column} >= ${s.from} THEN ${s.offset} `);
  const offset = cases.length === 0 ? sql`${first?.offset ?? 0}` : sql`CASE ${sql.join(cases)}ELSE ${first?.offset ?? 0} END`;
  return sql`strftime('%Y-%m-%d', (${column} + ${offset}) / 1000, 'unixepoch')`;
}
