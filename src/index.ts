/**
 * NotifyNL Edge Worker: wiring only. HTTP (public API, admin API, webhooks), queue consumers,
 * cron triggers, and the OrgGate Durable Object class.
 */
import { createRouter } from "./http/router";
import { handleQueueBatch, type QueueMessageBody } from "./queues";
import { runScheduled } from "./scheduled";

export { ReceiptWriter } from "./callbacks/receipt-writer.do";
export { OrgGate } from "./gate/org-gate.do";

const router = createRouter();

export default {
  fetch: (request, env, ctx) => router.fetch(request, env, ctx),
  queue: (batch, env, ctx) => handleQueueBatch(batch, env, ctx),
  scheduled: (controller, env, ctx) => runScheduled(controller, env, ctx),
} satisfies ExportedHandler<Env, QueueMessageBody>;
