/** Routes each queue's batches to its consumer; an unknown queue is a configuration error. */
import { consumeDeadLetters } from "../delivery/dead-letter.consumer";
import { consumeDispatch } from "../delivery/dispatch.consumer";
import { consumeJobChunks } from "../jobs/expand.consumer";
import { QUEUES, type QueueMessageBody } from "../queues/queue-messages";
import { consumeCallbacks } from "../service-callbacks/callbacks.consumer";
import { servicesFor } from "./build-services";

/** The Worker's `queue` handler: one consumer per queue (wrangler.toml), each acking or retrying per message. */
export async function handleQueueBatch(batch: MessageBatch<QueueMessageBody>, env: Env): Promise<void> {
  const services = servicesFor(env);
  switch (batch.queue) {
    case QUEUES.dispatch:
    case QUEUES.dispatchBulk:
      return consumeDispatch(batch, services);
    case QUEUES.callbacks:
      return consumeCallbacks(batch, services);
    case QUEUES.deadLetters:
      return consumeDeadLetters(batch, services);
    case QUEUES.jobs:
      return consumeJobChunks(batch, services);
    default:
      throw new Error(`No consumer for queue ${batch.queue}`);
  }
}
