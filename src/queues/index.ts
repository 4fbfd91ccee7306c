/** Routes each queue's batches to its consumer; an unknown queue is a configuration error. */
import { consumeDeadLetters } from "../delivery/dead-letter.consumer";
import { dispatchDeps } from "../delivery/deps";
import { consumeDispatch } from "../delivery/dispatch.consumer";
import { appContext } from "../http/context";
import { jobsDeps } from "../jobs/deps";
import { consumeJobChunks } from "../jobs/expand.consumer";
import { consumeCallbacks } from "../service-callbacks/callbacks.consumer";
import type { CallbackQueue } from "../service-callbacks/enqueue";
import { QUEUES, type QueueMessageBody } from "./messages";

export type { QueueMessageBody } from "./messages";

/** The Worker's `queue` handler: one consumer per queue (wrangler.toml), each acking or retrying per message. */
export async function handleQueueBatch(batch: MessageBatch<QueueMessageBody>, env: Env, ctx: ExecutionContext): Promise<void> {
  void ctx;
  switch (batch.queue) {
    case QUEUES.dispatch:
    case QUEUES.dispatchBulk:
      return consumeDispatch(batch, dispatchDeps(env));
    case QUEUES.callbacks: {
      const app = appContext(env);
      return consumeCallbacks(batch, { db: app.db, secrets: app.secrets, allowPrivateUrls: app.config.ALLOW_PRIVATE_CALLBACK_URLS });
    }
    case QUEUES.deadLetters: {
      const app = appContext(env);
      return consumeDeadLetters(batch, { db: app.db, callbacks: env.CALLBACKS_QUEUE as unknown as CallbackQueue, clock: app.clock });
    }
    case QUEUES.jobs:
      return consumeJobChunks(batch, jobsDeps(env));
    default:
      throw new Error(`No consumer for queue ${batch.queue}`);
  }
}
