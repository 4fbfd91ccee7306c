/**
 * The `jobs` queue consumer: {jobId, chunkIndex} messages → expandChunk, one at a time, each acked
 * or retried on its own. expandChunk is idempotent, so a redelivered or duplicated message is
 * harmless; after the last retry the message dead-letters and the replay cron sends it again once
 * the job has made no progress for a while.
 */
import * as v from "valibot";
import type { Services } from "../app/services";
import { errorFields, log } from "../lib/log";
import { JobChunkMessage } from "../queues/queue-messages";
import { expandChunk, type JobContextCache } from "./expand-chunk";

/** Backoff for a chunk that failed for a transient reason (D1 or the OrgGate unreachable). */
export function jobRetryDelaySeconds(attempts: number): number {
  return Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));
}

/** Processes one batch of the `jobs` queue. */
export async function consumeJobChunks(
  batch: MessageBatch<unknown>,
  deps: Pick<Services, "clock" | "config" | "d1" | "db" | "gateFor">,
): Promise<void> {
  const cache: JobContextCache = new Map();
  for (const message of batch.messages) {
    const parsed = v.safeParse(JobChunkMessage, message.body);
    if (!parsed.success) {
      log.error("job_message_invalid", { message_id: message.id });
      message.ack();
      continue;
    }
    const { jobId, chunkIndex } = parsed.output;
    try {
      const result = await expandChunk(deps, jobId, chunkIndex, cache);
      log.info("job_chunk", { job_id: jobId, chunk_index: chunkIndex, result, attempts: message.attempts });
      message.ack();
    } catch (error) {
      log.warn("job_chunk_failed", { job_id: jobId, chunk_index: chunkIndex, attempts: message.attempts, ...errorFields(error) });
      message.retry({ delaySeconds: jobRetryDelaySeconds(message.attempts) });
    }
  }
}
