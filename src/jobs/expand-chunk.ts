/**
 * Expanding one chunk of a job into notifications, safe to run any number of times for the same
 * chunk, also at the same time:
 *
 *  1. job `pending` → `in progress` (conditional UPDATE; a cancelled or unknown job stops here);
 *  2. a chunk already marked expanded is done: nothing more happens;
 *  3. each row is rendered with prepareMessage and gets the id derived from (job, row);
 *  4. one D1 batch (a transaction): INSERT … ON CONFLICT DO NOTHING, then claim the chunk's rows
 *     that are `created` and not yet handed to the OrgGate (updated_at IS NULL → now, RETURNING);
 *  5. only the claimed ids go into the OrgGate's bulk lane; if that fails the claim is undone and
 *     the message retried;
 *  6. the chunk is marked expanded, and the job `finished` once no chunk is left.
 *
 * A redelivered message therefore inserts nothing (same ids) and enqueues nothing twice: the claim
 * in step 4 hands each row to exactly one consumer, whichever attempt inserted it. A consumer that
 * dies between 4 and 5 leaves claimed rows out of every lane; the replay cron finds those (created,
 * never dispatched, untouched for minutes) and enqueues them. The dispatch claim stays the final
 * guard: a notification is handed to a provider once even if it were enqueued twice.
 */
import { and, eq } from "drizzle-orm";
import type { Services } from "../app/services";
import { jobChunks, jobs } from "../db/schema";
import { NotifyError } from "../errors";
import { log } from "../lib/log";
import { prepareMessage } from "../notifications/prepare-message";
import { readChunk } from "./chunks";
import { claimStatement, insertStatements, type NotificationValues, unclaimStatement } from "./insert-job-notifications";
import { type JobContext, loadJobContext } from "./job-context";
import { jobNotificationId } from "./job-ids";
import { recordChunkProgress, startJob, stopJob } from "./job-statuses";
import type { JobRow } from "./submit-job";
import { rowPersonalisation } from "./validate-rows";

/** What expandChunk did with a chunk message. */
export type ExpandResult = "expanded" | "already_expanded" | "job_not_running" | "job_stopped";

/** Per-batch cache of job contexts (a batch often holds several chunks of one job). */
export type JobContextCache = Map<string, Promise<JobContext>>;

/** Expands chunk `chunkIndex` of job `jobId`. Throws on transient failures (the message is retried). */
export async function expandChunk(
  deps: Pick<Services, "clock" | "config" | "d1" | "db" | "gateFor">,
  jobId: string,
  chunkIndex: number,
  cache: JobContextCache = new Map(),
): Promise<ExpandResult> {
  const now = deps.clock.now();
  await startJob(deps.d1, jobId, now).run();
  const [job, chunk] = await Promise.all([
    deps.db.select().from(jobs).where(eq(jobs.id, jobId)).get(),
    deps.db
      .select()
      .from(jobChunks)
      .where(and(eq(jobChunks.jobId, jobId), eq(jobChunks.chunkIndex, chunkIndex)))
      .get(),
  ]);
  if (job?.status !== "in progress") return "job_not_running";
  if (!chunk || chunk.expandedAt !== null) return "already_expanded";

  let jobContext: JobContext;
  try {
    let pending = cache.get(job.id);
    if (!pending) {
      pending = loadJobContext(deps.db, job);
      cache.set(job.id, pending);
    }
    jobContext = await pending;
  } catch (error) {
    cache.delete(job.id);
    if (!(error instanceof NotifyError)) throw error;
    await stop(deps.d1, job, error.message, now);
    return "job_stopped";
  }

  const content = readChunk(chunk.rows);
  const values = await renderRows(jobContext, job, content.header, content.rows, chunk.firstRowNumber);
  const lastRow = chunk.firstRowNumber + content.rows.length - 1;
  const statements = [
    ...insertStatements(deps.d1, job, jobContext.context.senderText, values, now),
    claimStatement(deps.d1, job.id, chunk.firstRowNumber, lastRow, now),
  ];
  const results = await deps.d1.batch<{ id: string; service_id: string }>(statements);
  const claimed = results[results.length - 1]?.results ?? [];

  if (claimed.length > 0) {
    try {
      await deps.gateFor(job.organisationId).enqueue(
        claimed.map((row) => ({ id: row.id, serviceId: row.service_id, lane: "bulk" as const })),
        jobContext.sendRatePerMinute ?? deps.config.DEFAULT_ORG_SEND_RATE,
      );
    } catch (error) {
      await unclaimStatement(deps.d1, job.id, chunk.firstRowNumber, lastRow, now).run();
      throw error;
    }
  }
  await markExpanded(deps, job.id, chunkIndex, now);
  return "expanded";
}

/** Renders every row; rows that no longer pass (rare: e.g. a team member removed) are skipped and logged. */
async function renderRows(
  jobContext: JobContext,
  job: JobRow,
  header: string[],
  rows: string[][],
  firstRow: number,
): Promise<NotificationValues[]> {
  const values: NotificationValues[] = [];
  let skipped = 0;
  for (const [offset, row] of rows.entries()) {
    const rowNumber = firstRow + offset;
    const personalisation = rowPersonalisation(header, row);
    try {
      const message = prepareMessage(jobContext.context, { recipient: row[0] ?? "", personalisation });
      if (message.smokeTest) continue; // like a single send: answered, never stored or sent
      values.push({
        id: await jobNotificationId(job.id, rowNumber),
        row: rowNumber,
        to: message.to,
        nto: message.normalisedTo,
        intl: message.international,
        p: message.personalisation,
        body: message.body,
        subj: message.subject,
        units: message.billableUnits,
      });
    } catch (error) {
      if (!(error instanceof NotifyError)) throw error;
      skipped += 1;
    }
  }
  if (skipped > 0) log.warn("job_rows_skipped", { job_id: job.id, first_row: firstRow, skipped });
  return values;
}

async function markExpanded(
  deps: Pick<Services, "clock" | "config" | "d1" | "db" | "gateFor">,
  jobId: string,
  chunkIndex: number,
  now: number,
): Promise<void> {
  await deps.d1.batch([
    deps.d1
      .prepare(`UPDATE job_chunks SET expanded_at = ? WHERE job_id = ? AND chunk_index = ? AND expanded_at IS NULL`)
      .bind(now, jobId, chunkIndex),
    recordChunkProgress(deps.d1, jobId, now),
  ]);
}

/** A job that can no longer be sent (template deleted, permission removed) is stopped, not retried forever. */
async function stop(d1: D1Database, job: JobRow, reason: string, now: number): Promise<void> {
  await stopJob(d1, job.id, now).run();
  log.error("job_stopped", { job_id: job.id, service_id: job.serviceId, reason });
}
