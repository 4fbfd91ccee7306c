/**
 * A service's bulk jobs that are not done yet: scheduled, waiting, being expanded into messages
 * (src/jobs/job-statuses.ts), or expanded in the last day with messages still waiting to be handed
 * to the provider. The jobs are a range over jobs_service_created of the last MAX_SCHEDULE_DAYS + 2
 * days (a job older than that has long started and finished, or the replay cron finished it); the
 * progress of each is the job statistics of the API (src/jobs/job-statistics.ts, a GROUP BY over
 * the notifications_job index).
 */
import { and, desc, eq, gte, inArray, or } from "drizzle-orm";
import type { Db } from "../../db/database";
import { type JobStatus, jobs } from "../../db/schema";
import { jobStatistics } from "../../jobs/job-statistics";
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
  const candidates = await db
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
        or(inArray(jobs.status, UNFINISHED), and(eq(jobs.status, "finished"), gte(jobs.processingFinished, now - DAY_MS))),
      ),
    )
    .orderBy(desc(jobs.createdAt))
    .limit(2 * MAX_JOBS_SHOWN);
  const withProgress = await Promise.all(
    candidates.map(async (job) => {
      const statistics = job.status === "scheduled" ? [] : await jobStatistics(db, job.id);
      const waiting = statistics.find((s) => s.status === "created")?.count ?? 0;
      const stored = statistics.reduce((sum, s) => sum + s.count, 0);
      return { ...job, processed: stored - waiting, waiting };
    }),
  );
  return withProgress
    .filter((job) => job.status !== "finished" || job.waiting > 0)
    .slice(0, MAX_JOBS_SHOWN)
    .map(({ waiting: _waiting, ...job }) => job);
}
