/** How a job's notifications are doing: one GROUP BY over notifications.job_id (indexed). */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/database";
import { notifications } from "../db/schema";

/** Notifications of a job in one status. */
export interface StatusCount {
  status: string;
  count: number;
}

/** Counts per notification status for a job, busiest status first. */
export async function jobStatistics(db: Db, jobId: string): Promise<StatusCount[]> {
  const rows = await db
    .select({ status: notifications.status, count: sql<number>`count(*)` })
    .from(notifications)
    .where(eq(notifications.jobId, jobId))
    .groupBy(notifications.status);
  return rows
    .map((row) => ({ status: row.status, count: Number(row.count) }))
    .sort((a, b) => b.count - a.count || (a.status < b.status ? -1 : 1));
}
