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
  it("the cron table has exactly the crons of wrangler.toml, each with at least one task", () => {
    expect(crons.length).toBeGreaterThan(0);
    expect(Object.keys(CRON_TABLE).sort()).toEqual([...crons].sort());
    for (const cron of crons) expect(CRON_TABLE[cron]?.length, cron).toBeGreaterThan(0);
  });

  it("every queue in wrangler.toml is known to the code and has a consumer", async () => {
    expect(new Set(consumedQueues)).toEqual(new Set(Object.values(QUEUES)));
    for (const queue of producedQueues) expect(consumedQueues).toContain(queue);
    for (const queue of consumedQueues) {
      const batch = createMessageBatch(queue, []);
      const ctx = createExecutionContext();
      await worker.queue(batch as MessageBatch<never>, env, ctx);
      await getQueueResult(batch, ctx);
    }
  });
});
