/** wrangler.toml and the code must agree: every cron has tasks, every consumed queue a consumer. */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { QUEUES } from "../../src/queues/queue-messages";
import { CRON_TABLE } from "../../src/scheduled/cron-table";
import wranglerToml from "../../wrangler.toml?raw";

const crons = JSON.parse(/^crons = (\[.*\])$/m.exec(wranglerToml)?.[1] ?? "[]") as string[];
const consumedQueues = [...wranglerToml.matchAll(/\[\[queues\.consumers\]\]\nqueue = "([^"]+)"/g)].map((m) => m[1]!);
const producedQueues = [...wranglerToml.matchAll(/\[\[queues\.producers\]\]\nbinding = "[^"]+"\nqueue = "([^"]+)"/g)].map((m) => m[1]!);

describe("configuration coherence", () => {
  it("wrangler.toml has crons", () => {
    expect(crons.length).toBeGreaterThan(0);
  });

  it("the cron table has exactly the crons of wrangler.toml", () => {
    expect(Object.keys(CRON_TABLE).sort()).toEqual([...crons].sort());
  });

  it.each(crons)("cron %s has at least one task", (cron) => {
    expect(CRON_TABLE[cron]?.length).toBeGreaterThan(0);
  });

  it("the queues wrangler.toml consumes are exactly the code's queues", () => {
    expect(new Set(consumedQueues)).toEqual(new Set(Object.values(QUEUES)));
  });

  it.each(producedQueues)("produced queue %s has a consumer", (queue) => {
    expect(consumedQueues).toContain(queue);
  });

  it.each(consumedQueues)("the Worker's queue handler has a consumer for %s (it throws for an unknown queue)", async (queue) => {
    const batch = createMessageBatch(queue, []);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<never>, env, ctx);
    await getQueueResult(batch, ctx);
  });
});
