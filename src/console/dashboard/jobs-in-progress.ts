/**
 * A service's bulk jobs that are not done yet: scheduled, waiting, being expanded into messages
 * (src/jobs/job-statuses.ts), or expanded in the last day with messages still waiting to be handed
 * to the provider. The jobs are a range over jobs_service_created of the last MAX_SCHEDULE_DAYS + 2
 * days (a job older than that has long started and finished, or the replay cron finished it); the
 * progress of all of them is one GROUP BY over the notifications_job index.
 */
import { and, desc, eq, gte, inArray, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { type JobStatus, jobs, notifications } from "../../db/schema";
import { MAX_SCHEDULE_DAYS } from "../../notifications/scheduling";

const DAY_MS = 86_400_000;
/** Jobs shown at most; more than this at once is rare and the page says how many are shown. */
export const MAX_JOBS_SHOWN = 10;
const UNFINISHED: JobStatus[] = ["scheduled", "pending", "in progress"];

export interface JobInProgress {
  id: string;
  /** The uploaded file's name (empty once retention removed it). */
  name: string;
  channel: "sms" | "email";
  createdAt: number;
  status: JobStatus;
  scheduledFor: number | null;
  /** Messages in the job (rows of the file). */
  total: number;
  /** Messages handed to the provider or ended (any status but `created`). */
  processed: number;
}

export async function jobsInProgress(db: Db, serviceId: string, now: number): Promise<JobInProgress[]> {
  // A finished job counts only while messages of it still wait: decided here in SQL, before the
  // limit, so recently finished jobs cannot crowd an unfinished one off the page.
  const stillWaiting = sql`EXISTS (SELECT 1 FROM notifications WHERE notifications.job_id = ${jobs.id} AND notifications.status = 'created')`;
  const shown = await db
    .select({
      id: jobs.id,
      name: jobs.name,
      channel: jobs.notificationType,
      createdAt: jobs.createdAt,
      status: jobs.status,
      scheduledFor: jobs.scheduledFor,
      total: jobs.notificationCount,
    })
    .from(jobs)
    .where(
      and(
        eq(jobs.serviceId, serviceId),
        gte(jobs.createdAt, now - (MAX_SCHEDULE_DAYS + 2) * DAY_MS),
        or(inArray(jobs.status, UNFINISHED), and(eq(jobs.status, "finished"), gte(jobs.processingFinished, now - DAY_MS), stillWaiting)),
      ),
    )
    .orderBy(desc(jobs.createdAt))
    .limit(MAX_JOBS_SHOWN);
  const processed = await processedPerJob(
    db,
    shown.filter((job) => job.status !== "scheduled").map((job) => job.id),
  );
  return shown.map((job) => ({ ...job, processed: processed.get(job.id) ?? 0 }));
}

/** Messages of each job that are past `created`, in one GROUP BY over the notifications_job index. */
async function processedPerJob(db: Db, jobIds: string[]): Promise<Map<string, number>> {
  if (jobIds.length === 0) return new Map();
  const rows = await db
    .select({ jobId: notifications.jobId, count: sql<number>`count(*)` })
    .from(notifications)
    .where(and(inArray(notifications.jobId, jobIds), ne(notifications.status, "created")))
    .groupBy(notifications.jobId);
  return new Map(rows.map((row) => [row.jobId ?? "", Number(row.count)]));
}
