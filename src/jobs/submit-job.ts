/**
 * Accepting a bulk job (POST /v2/notifications/bulk), all before the 201:
 *   row count → column headers → OrgGate admission for the whole job (one rate-limit token, and
 *   `rows` messages of today's allowance) → every row validated → job + chunks stored in one D1
 *   batch → one `jobs` message per chunk (not for a scheduled job; the release cron sends those).
 * Any failure after admission gives the allowance back, and nothing is stored for a rejected job.
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/database";
import { type JobStatus, jobChunks, jobs } from "../db/schema";
import { Errors } from "../errors";
import type { GateClient } from "../gate/gate-client";
import { errorFields, log } from "../lib/log";
import type { SendContext } from "../notifications/send-context";
import type { ChunkQueue } from "../queues/queue-messages";
import { sendChunkMessages, splitIntoChunks } from "./chunks";
import { mapColumns } from "./columns";
import { MAX_JOB_ROWS } from "./limits";
import { templatePlaceholders, validateRows } from "./validate-rows";

/** A stored job (the jobs table). */
export type JobRow = typeof jobs.$inferSelect;

export interface SubmitDeps {
  db: Db;
  gate: GateClient;
  jobQueue: ChunkQueue;
  now: number;
}

export interface JobSubmission {
  name: string;
  reference: string | null;
  /** reply_to_id as given: an SMS sender or email reply-to id, already checked by loadSendContext. */
  senderId: string | null;
  apiKeyId: string;
  rateLimit: number;
  dailyLimit: number;
  scheduledFor: number | null;
  /** The sheet as read: header row first. */
  table: string[][];
}

/** Four bound values per chunk row; D1 allows 100 per statement. */
const CHUNKS_PER_INSERT = 25;
/** Bytes of chunk JSON per INSERT statement, so one statement never carries megabytes. */
const BYTES_PER_INSERT = 1_000_000;

/** Validates, admits and stores a job; returns the stored row. Throws Notify-shaped errors. */
export async function submitJob(deps: SubmitDeps, context: SendContext, submission: JobSubmission): Promise<JobRow> {
  const [header = [], ...rows] = submission.table;
  // Blank lines are not rows (papaparse and the xlsx reader skip them too; this covers `rows`).
  const dataRows = rows.filter((row) => row.some((cell) => cell.trim() !== ""));
  if (dataRows.length === 0)
    throw Errors.badRequest("There are no rows to send: the first row is the header and at least one row must follow");
  if (dataRows.length > MAX_JOB_ROWS) throw Errors.badRequest(`Too many rows. Maximum number of rows allowed is ${MAX_JOB_ROWS}`);
  const columns = mapColumns(header, context.channel, templatePlaceholders(context));

  const count = dataRows.length;
  const request = {
    serviceId: context.service.id,
    keyType: context.keyType,
    rateLimit: submission.rateLimit,
    channel: context.channel,
    dailyLimit: submission.dailyLimit,
    count,
  };
  const admitted = await deps.gate.admit(request);
  if (!admitted.ok) {
    if (admitted.reason === "rate_limit") throw Errors.rateLimit(context.keyType, admitted.limit);
    // GC answers a job over the daily allowance with a 400 that says how much is left.
    throw Errors.badRequest(
      `You only have ${admitted.remaining} remaining messages before you reach your daily limit. You've tried to send ${count} messages.`,
    );
  }
  let job: JobRow;
  try {
    const table = validateRows(context, dataRows, columns);
    job = await storeJob(deps, context, submission, splitIntoChunks(table), count);
  } catch (error) {
    if (context.keyType !== "test") await deps.gate.release(request.serviceId, request.channel, admitted.day, count);
    throw error;
  }
  if (job.status === "pending") {
    try {
      await sendChunkMessages(
        deps.jobQueue,
        job.id,
        Array.from({ length: job.chunkCount }, (_, i) => i),
      );
    } catch (error) {
      // The job is stored; the replay cron re-sends the messages of a job that makes no progress.
      log.warn("job_chunk_send_failed", { job_id: job.id, ...errorFields(error) });
    }
  }
  return job;
}

async function storeJob(
  deps: SubmitDeps,
  context: SendContext,
  submission: JobSubmission,
  chunks: ReturnType<typeof splitIntoChunks>,
  count: number,
): Promise<JobRow> {
  const status: JobStatus = submission.scheduledFor === null ? "pending" : "scheduled";
  const job: JobRow = {
    id: crypto.randomUUID(),
    serviceId: context.service.id,
    organisationId: context.service.organisationId,
    templateId: context.template.id,
    templateVersion: context.template.version,
    notificationType: context.channel,
    name: submission.name,
    reference: submission.reference,
    senderId: submission.senderId,
    apiKeyId: submission.apiKeyId,
    keyType: context.keyType,
    notificationCount: count,
    chunkCount: chunks.length,
    status,
    scheduledFor: submission.scheduledFor,
    processingStarted: null,
    processingFinished: null,
    createdAt: deps.now,
    updatedAt: null,
  };
  const statements: BatchItem<"sqlite">[] = [deps.db.insert(jobs).values(job)];
  let group: typeof chunks = [];
  let bytes = 0;
  const flush = () => {
    if (group.length > 0) statements.push(deps.db.insert(jobChunks).values(group.map((chunk) => ({ jobId: job.id, ...chunk }))));
    group = [];
    bytes = 0;
  };
  for (const chunk of chunks) {
    if (group.length === CHUNKS_PER_INSERT || (group.length > 0 && bytes + chunk.rows.length > BYTES_PER_INSERT)) flush();
    group.push(chunk);
    bytes += chunk.rows.length;
  }
  flush();
  // One batch is one transaction: the job and all its rows are stored together, or not at all.
  const [first, ...rest] = statements;
  if (first) await deps.db.batch([first, ...rest]);
  return job;
}
