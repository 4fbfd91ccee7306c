/**
 * Every minute: hand what was scheduled and is now due to the sending pipeline.
 *
 * Notifications: one UPDATE … RETURNING per round takes due rows (`created`, scheduled_for <= now)
 * and clears scheduled_for in the same statement, so each row is released exactly once even when two
 * cron runs overlap; the released rows go to their organisation's OrgGate lane, one enqueue per
 * organisation. (After release GET shows scheduled_for null, as GOV.UK Notify always does.) If an
 * enqueue fails the rows are already released: the replay task hands them over a few minutes later.
 *
 * Jobs: `scheduled` → `pending` in one conditional UPDATE … RETURNING, then one `jobs` message per
 * chunk. A failed send leaves a pending job without progress, which the replay task re-sends.
 */

import type { Services } from "../app/services";
import { sendChunkMessages } from "../jobs/chunks";
import { releaseDueJobs } from "../jobs/job-statuses";
import { errorFields, log } from "../lib/log";
import { enqueueByOrganisation, type ReleasedRow } from "./enqueue-rows";

/** Rows per UPDATE, and rounds per run: at most 10,000 notifications released a minute. */
const NOTIFICATIONS_PER_ROUND = 500;
const MAX_ROUNDS = 20;
const JOBS_PER_RUN = 50;

/** Releases due scheduled notifications and jobs; returns how many of each. */
export async function releaseScheduled(
  deps: Pick<Services, "config" | "d1" | "gateFor" | "jobQueue">,
  now: number,
): Promise<{ notifications: number; jobs: number }> {
  let notifications = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { results } = await deps.d1
      .prepare(
        `UPDATE notifications SET scheduled_for = NULL, updated_at = ?1
         WHERE id IN (SELECT id FROM notifications WHERE scheduled_for <= ?1 AND status = 'created' ORDER BY scheduled_for LIMIT ?2)
         RETURNING id, service_id, organisation_id, lane`,
      )
      .bind(now, NOTIFICATIONS_PER_ROUND)
      .all<ReleasedRow>();
    notifications += results.length;
    await enqueueByOrganisation(deps, results, "scheduled_release");
    if (results.length < NOTIFICATIONS_PER_ROUND) break;
  }

  const { results: jobs } = await releaseDueJobs(deps.d1, now, JOBS_PER_RUN).all<{ id: string; chunk_count: number }>();
  for (const job of jobs) {
    try {
      await sendChunkMessages(
        deps.jobQueue,
        job.id,
        Array.from({ length: job.chunk_count }, (_, i) => i),
      );
    } catch (error) {
      log.warn("job_release_send_failed", { job_id: job.id, ...errorFields(error) });
    }
  }
  if (notifications > 0 || jobs.length > 0) log.info("scheduled_released", { notifications, jobs: jobs.length });
  return { notifications, jobs: jobs.length };
}
