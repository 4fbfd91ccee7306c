/**
 * Dutch days for the dashboard (src/console/dashboard/amsterdam-days.ts): day starts in winter and
 * summer time, the clock changes found to the hour, and the SQL day expression in D1 agreeing with
 * the JavaScript day on both sides of a clock change.
 */
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  amsterdamDay,
  dayExpression,
  lastAmsterdamDays,
  offsetSegments,
  startOfAmsterdamDay,
} from "../../../src/console/dashboard/amsterdam-days";
import { createDb } from "../../../src/db/database";

const HOUR = 3_600_000;

describe("Dutch days", () => {
  it("a day starts at 23:00 UTC in winter and 22:00 UTC in summer", () => {
    expect(new Date(startOfAmsterdamDay("2025-01-15")).toISOString()).toBe("2025-01-14T23:00:00.000Z");
    expect(new Date(startOfAmsterdamDay("2025-07-15")).toISOString()).toBe("2025-07-14T22:00:00.000Z");
    // The day of the clock change to summer time starts in winter time.
    expect(new Date(startOfAmsterdamDay("2025-03-30")).toISOString()).toBe("2025-03-29T23:00:00.000Z");
  });

  it("23:30 UTC is already the next day in Amsterdam", () => {
    expect(amsterdamDay(Date.parse("2025-01-14T23:30:00Z"))).toBe("2025-01-15");
    expect(amsterdamDay(Date.parse("2025-01-14T22:30:00Z"))).toBe("2025-01-14");
  });

  it("the last days run up to today, oldest first, across a clock change", () => {
    expect(lastAmsterdamDays(Date.parse("2025-03-31T10:00:00Z"), 3)).toEqual(["2025-03-29", "2025-03-30", "2025-03-31"]);
  });

  it("finds the clock changes of a period to the hour", () => {
    const segments = offsetSegments(Date.parse("2025-03-01T00:00:00Z"), Date.parse("2025-11-30T00:00:00Z"));
    expect(segments.map((s) => [new Date(s.from).toISOString(), s.offset / HOUR])).toEqual([
      ["2025-03-01T00:00:00.000Z", 1],
      ["2025-03-30T01:00:00.000Z", 2],
      ["2025-10-26T01:00:00.000Z", 1],
    ]);
  });

  it("the SQL day is the JavaScript day, either side of both clock changes", async () => {
    const times = [
      "2025-03-29T22:59:59Z",
      "2025-03-29T23:00:00Z",
      "2025-03-30T00:59:59Z",
      "2025-03-30T01:00:00Z",
      "2025-03-30T21:59:59Z",
      "2025-03-30T22:00:00Z",
      "2025-10-25T21:59:59Z",
      "2025-10-25T22:00:00Z",
      "2025-10-26T22:59:59Z",
      "2025-10-26T23:00:00Z",
    ].map(Date.parse);
    const db = createDb(env.DB);
    const from = Date.parse("2025-03-01T00:00:00Z");
    const to = Date.parse("2025-11-01T00:00:00Z");
    const days = await Promise.all(
      times.map(async (t) => (await db.get<{ day: string }>(sql`SELECT ${dayExpression(sql`${t}`, from, to)} AS day`)).day),
    );
    expect(days).toEqual(times.map(amsterdamDay));
    expect(days).toEqual([
      "2025-03-29",
      "2025-03-30",
      "2025-03-30",
      "2025-03-30",
      "2025-03-30",
      "2025-03-31",
      "2025-10-25",
      "2025-10-26",
      "2025-10-26",
      "2025-10-27",
    ]);
  });
});
