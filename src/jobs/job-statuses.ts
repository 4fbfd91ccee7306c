/**
 * The one place a job's status changes, as notifications/statuses.ts is for notifications. Every
 * change is a conditional UPDATE (`WHERE status IN <allowed previous>`), so a replayed message, a
 * cron running twice or a cancel racing the expansion consumer is a no-op rather than a step back.
 *
 *   scheduled ─release─▶ pending ─first chunk─▶ in progress ─last chunk─▶ finished
 *       └──────────────────┴──────── cancel ─────────┴──────────────────────┘ (while messages wait)
 *
 * The functions return prepared statements, so callers can put them in a D1 batch with the work
 * that goes with the change (a chunk marked expanded and its job's progress in one transaction).
 */
import type { JobStatus } from "../db/schema";

/** next status → the statuses it may be entered from (`scheduled` and `pending` are also where jobs start). */
export const JOB_ALLOWED_PREVIOUS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  scheduled: [],
  pending: ["scheduled"],
  "in progress": ["pending"],
  finished: ["pending", "in progress"],
  cancelled: ["scheduled", "pending", "in progress", "finished"],
};

/** `status IN (...)` for the given previous statuses, checked against the table (a bug throws at load). */
function from(next: JobStatus, previous: readonly JobStatus[]): string {
  for (const status of previous) {
    if (!JOB_ALLOWED_PREVIOUS[next].includes(status)) throw new Error(`job status ${status} → ${next} is not allowed`);
  }
  return `status IN (${previous.map((s) => `'${s}'`).join(", ")})`;
}

const START = `UPDATE jobs SET status = 'in progress', processing_started = COALESCE(processing_started, ?1), updated_at = ?1
  WHERE id = ?2 AND ${from("in progress", ["pending"])}`;

/** pending → in progress, when the first chunk is expanded. */
export function startJob(d1: D1Database, jobId: string, now: number): D1PreparedStatement {
  return d1.prepare(START).bind(now, jobId);
}

const REMAINING = `EXISTS (SELECT 1 FROM job_chunks WHERE job_id = ?1 AND expanded_at IS NULL)`;
const PROGRESS = `UPDATE jobs SET updated_at = ?2,
    status = CASE WHEN ${REMAINING} THEN status ELSE 'finished' END,
    processing_finished = CASE WHEN ${REMAINING} THEN processing_finished ELSE ?2 END
  WHERE id = ?1 AND ${from("finished", ["in progress"])}`;

/**
 * Records that a chunk was expanded: updated_at moves on (the replay cron sees progress), and the job
 * becomes finished once no chunk is left. Run it after the chunk is marked expanded.
 */
export function recordChunkProgress(d1: D1Database, jobId: string, now: number): D1PreparedStatement {
  return d1.prepare(PROGRESS).bind(jobId, now);
}

const STOP = `UPDATE jobs SET status = 'cancelled', processing_finished = ?1, updated_at = ?1
  WHERE id = ?2 AND ${from("cancelled", ["pending", "in progress"])}`;

/** pending|in progress → cancelled, for a job that can no longer be sent (template gone, permission removed). */
export function stopJob(d1: D1Database, jobId: string, now: number): D1PreparedStatement {
  return d1.prepare(STOP).bind(now, jobId);
}

const CANCEL = `UPDATE jobs SET status = 'cancelled', updated_at = ?1 WHERE id = ?2 AND status = ?3 AND (
    ${from("cancelled", ["scheduled", "pending", "in progress"])}
    OR (${from("cancelled", ["finished"])} AND EXISTS (SELECT 1 FROM notifications WHERE job_id = ?2 AND status = 'created'))
  ) RETURNING id`;

/**
 * → cancelled at a caller's request, only if the job is still in `seenStatus` (so a job that moved on
 * in between is looked at again) and has something left to cancel: a finished job only while some of
 * its notifications still wait. Returns the id when it applied.
 */
export function cancelJobStatement(d1: D1Database, jobId: string, seenStatus: JobStatus, now: number): D1PreparedStatement {
  return d1.prepare(CANCEL).bind(now, jobId, seenStatus);
}

const FINISH_STALLED = `UPDATE jobs SET status = 'finished', processing_finished = COALESCE(processing_finished, ?1), updated_at = ?1
  WHERE id = ?2 AND ${from("finished", ["pending", "in progress"])}`;

/** pending|in progress → finished, for a job the replay cron finds with no chunk left to expand. */
export function finishStalledJob(d1: D1Database, jobId: string, now: number): D1PreparedStatement {
  return d1.prepare(FINISH_STALLED).bind(now, jobId);
}

const RELEASE_DUE = `UPDATE jobs SET status = 'pending', updated_at = ?1
  WHERE id IN (SELECT id FROM jobs WHERE status = 'scheduled' AND scheduled_for <= ?1 ORDER BY scheduled_for LIMIT ?2)
    AND ${from("pending", ["scheduled"])}
  RETURNING id, chunk_count`;

/** scheduled → pending for up to `limit` jobs that are due, oldest first; RETURNING id, chunk_count. */
export function releaseDueJobs(d1: D1Database, now: number, limit: number): D1PreparedStatement {
  return d1.prepare(RELEASE_DUE).bind(now, limit);
}
