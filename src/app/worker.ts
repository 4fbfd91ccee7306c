/** The Worker's handlers: every entry point starts from the services of its env (build-services.ts). */
import type { QueueMessageBody } from "../queues/queue-messages";
import { handleFetch } from "./fetch-handler";
import { handleQueueBatch } from "./queue-handler";
import { runScheduled } from "./scheduled-handler";

export const worker = {
  fetch: (request, env, ctx) => handleFetch(request, env, ctx),
  queue: (batch, env, _ctx) => handleQueueBatch(batch, env),
  scheduled: (controller, env, _ctx) => runScheduled(controller, env),
} satisfies ExportedHandler<Env, QueueMessageBody>;
