/**
 * Every minute: put back into the pipeline what fell out of it. Three kinds, each bounded per run:
 *
 *  1. Stale dispatch claims (a consumer died between claim and send): the delivery code's
 *     replayStuckNotifications releases and re-enqueues them.
 *  2. Rows that never reached a dispatch consumer: `created`, not scheduled, never claimed
 *     (send_attempts = 0) and untouched for deps.config.REPLAY_AFTER_SECONDS * 1000 (REPLAY_AFTER_SECONDS), e.g. an enqueue that failed after a
 *     scheduled release, or a jobs consumer that died after claiming its rows. Rows that are simply
 *     waiting in a long bulk lane look the same in D1, so an organisation's rows are only replayed
 *     when the OrgGate reports that lane empty. Each replay sets updated_at, so a row is replayed at
 *     most once per replay interval; the dispatch claim makes a duplicate enqueue harmless anyway.
 *  3. Jobs without progress for JOB_STALL_MS (`pending`/`in progress`): their unexpanded chunks are
 *     sent to the `jobs` queue again (expansion is idempotent), e.g. after a dead-lettered message.
 */

import type { Services } from "../app/services";
import { D1_IN_LIST_MAX } from "../db/platform-limits";
import { replayStuckNotifications } from "../delivery/replay";
import { sendChunkMessages } from "../jobs/chunks";
import { finishStalledJob } from "../jobs/job-statuses";
import { errorFields, log } from "../lib/log";
import { enqueueByOrganisation, type ReleasedRow } from "./enqueue-rows";

/** How long a running job may make no progress before its chunks are sent again. */
export const JOB_STALL_MS = 10 * 60_000;
/** A job still not done a day after it was due is left alone (and logged) rather than retried forever. */
const JOB_GIVE_UP_MS = 24 * 60 * 60_000;
const ROWS_PER_RUN = 500;
const JOBS_PER_RUN = 20;

/** Runs the three replays; returns how many rows, claims and jobs were handed back. */
export async function replayCreated(
  deps: Pick<Services, "config" | "d1" | "db" | "gateFor" | "jobQueue">,
  now: number,
): Promise<{ staleClaims: number; rows: number; jobs: number }> {
  const staleClaims = await replayStuckNotifications(deps.db, deps.gateFor, now);
  const rows = await replayUndispatched(deps, now);
  const jobs = await replayStalledJobs(deps, now);
  return { staleClaims, rows, jobs };
}

/** Rows that never reached a dispatch consumer and sat still since `?` (bound once). */
const UNDISPATCHED = `status = 'created' AND claimed_at IS NULL AND send_attempts = 0 AND scheduled_for IS NULL
  AND COALESCE(updated_at, created_at) < ?`;

async function replayUndispatched(deps: Pick<Services, "config" | "d1" | "db" | "gateFor" | "jobQueue">, now: number): Promise<number> {
  const cutoff = now - deps.config.REPLAY_AFTER_SECONDS * 1000;
  // created_at < cutoff is implied by the COALESCE (updated_at is never before created_at) and lets
  // SQLite use the (status, created_at) index.
  const { results: candidates } = await deps.d1
    .prepare(`SELECT id, service_id, organisation_id, lane FROM notifications WHERE created_at < ? AND ${UNDISPATCHED} LIMIT ?`)
    .bind(cutoff, cutoff, ROWS_PER_RUN)
    .all<ReleasedRow>();
  const replayable: ReleasedRow[] = [];
  for (const organisationId of new Set(candidates.map((row) => row.organisation_id))) {
    const queued = await deps
      .gateFor(organisationId)
      .stats()
      .then(
        (stats) => stats.queued,
        () => null,
      );
    if (!queued) continue;
    replayable.push(...candidates.filter((row) => row.organisation_id === organisationId && queued[row.lane] === 0));
  }
  const taken: ReleasedRow[] = [];
  for (let i = 0; i < replayable.length; i += D1_IN_LIST_MAX) {
    const ids = replayable.slice(i, i + D1_IN_LIST_MAX).map((row) => row.id);
    // Conditional again, so two overlapping runs (or a consumer that moved meanwhile) never both take a row.
    const { results } = await deps.d1
      .prepare(
        `UPDATE notifications SET updated_at = ? WHERE id IN (${ids.map(() => "?").join(",")}) AND ${UNDISPATCHED}
         RETURNING id, service_id, organisation_id, lane`,
      )
      .bind(now, ...ids, cutoff)
      .all<ReleasedRow>();
    taken.push(...results);
  }
  const enqueued = await enqueueByOrganisation(deps, taken, "replay_undispatched");
  if (enqueued > 0) log.warn("replayed_undispatched", { notifications: enqueued });
  return enqueued;
}

async function replayStalledJobs(deps: Pick<Services, "config" | "d1" | "db" | "gateFor" | "jobQueue">, now: number): Promise<number> {
  const { results: stalled } = await deps.d1
    .prepare(
      `SELECT id FROM jobs WHERE status IN ('pending', 'in progress')
       AND COALESCE(updated_at, created_at) < ? AND COALESCE(scheduled_for, created_at) > ? LIMIT ?`,
    )
    .bind(now - JOB_STALL_MS, now - JOB_GIVE_UP_MS, JOBS_PER_RUN)
    .all<{ id: string }>();
  let replayed = 0;
  for (const { id } of stalled) {
    const { results: chunks } = await deps.d1
      .prepare(`SELECT chunk_index FROM job_chunks WHERE job_id = ? AND expanded_at IS NULL ORDER BY chunk_index`)
      .bind(id)
      .all<{ chunk_index: number }>();
    if (chunks.length === 0) {
      // Nothing left to expand (should not happen, but must not stall a job forever): it is finished.
      await finishStalledJob(deps.d1, id, now).run();
      continue;
    }
    await deps.d1.prepare(`UPDATE jobs SET updated_at = ? WHERE id = ?`).bind(now, id).run();
    try {
      await sendChunkMessages(
        deps.jobQueue,
        id,
        chunks.map((c) => c.chunk_index),
      );
      replayed += 1;
      log.warn("job_replayed", { job_id: id, chunks: chunks.length });
    } catch (error) {
      log.error("job_replay_failed", { job_id: id, ...errorFields(error) });
    }
  }
  return replayed;
}
