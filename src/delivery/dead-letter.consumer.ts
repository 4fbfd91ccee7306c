/**
 * The `dead-letters` queue consumer. A dispatch message lands here after its last retry: the
 * notification becomes technical-failure (only if it is still `created` and no live consumer holds
 * a claim on it) and the service gets its callback, as GC Notify does. Job chunks also dead-letter
 * here; they are logged and acked (the jobs replay cron picks up jobs that stopped progressing).
 */
import * as v from "valibot";
import { log } from "../lib/log";
import type { Clock } from "../lib/time";
import { changeStatusBatch, type StatusChange, type StatusDeps } from "../notifications/statuses";
import { DispatchMessage, JobChunkMessage } from "../queues/queue-messages";
import { STALE_CLAIM_MS } from "./policy";

/** Processes one batch of dead letters; always acks (there is nowhere further to go). */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, deps: StatusDeps & { clock: Clock }): Promise<void> {
  const now = deps.clock.now();
  const changes: StatusChange[] = [];
  for (const message of batch.messages) {
    const dispatch = v.safeParse(DispatchMessage, message.body);
    if (dispatch.success) {
      changes.push({
        notificationId: dispatch.output.notificationId,
        next: "technical-failure",
        source: "dead-letter",
        fields: { providerResponse: `Gave up after ${message.attempts} attempts`, claimedAt: null },
        from: ["created"],
        unclaimedSince: now - STALE_CLAIM_MS,
      });
      continue;
    }
    const job = v.safeParse(JobChunkMessage, message.body);
    if (job.success) log.warn("job_chunk_dead_lettered", { job_id: job.output.jobId, chunk_index: job.output.chunkIndex });
    else log.error("dead_letter_unknown", { message_id: message.id });
  }
  const applied = changes.length > 0 ? await changeStatusBatch(deps, changes, now) : [];
  for (const change of applied)
    log.error("dispatch_dead_lettered", { notification_id: change.notificationId, service_id: change.serviceId });
  batch.ackAll();
}
