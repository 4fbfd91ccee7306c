/**
 * Job expansion by the `jobs` consumer: a 50,000-row job expands completely and exactly once even
 * when chunk messages are redelivered; a failed hand-off to the OrgGate is retried without
 * duplicates; GET /v2/jobs shows progress; a cancelled job sends nothing more.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { servicesFor } from "../../src/app/build-services";
import type { Services } from "../../src/app/services";
import { claimNotifications } from "../../src/delivery/claim";
import type { GateClient } from "../../src/gate/gate-client";
import type { GateItem } from "../../src/gate/types";
import worker from "../../src/index";
import { expandChunk } from "../../src/jobs/expand-chunk";
import { jobNotificationId } from "../../src/jobs/job-ids";
import type { QueueMessageBody } from "../../src/queues/queue-messages";
import { apiFetch, createTenant, readError, type Tenant } from "../support/fixtures";

let tenant: Tenant;

beforeAll(async () => {
  // A send rate of 1 a minute keeps the lanes full, so the OrgGate's counters show every enqueue.
  tenant = await createTenant({ sendRatePerMinute: 1 });
});

const phone = (i: number) => `06${String(10_000_000 + i)}`;
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** Submits a job held back by a schedule (so no real queue message races the test), then makes it pending. */
async function pendingJob(
  rows: number,
  body: (i: number) => string = (i) => `${phone(i)},Naam ${i},${i}`,
): Promise<{ id: string; chunkCount: number; postMs: number }> {
  const csv = `phone number,naam,code\n${Array.from({ length: rows }, (_, i) => body(i)).join("\n")}\n`;
  const started = Date.now();
  const res = await apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
    method: "POST",
    body: { template_id: tenant.smsTemplateId, name: `job ${rows}`, csv, reference: "ref-bulk", scheduled_for: inAnHour() },
  });
  const postMs = Date.now() - started;
  expect(res.status).toBe(201);
  const { data } = (await res.json()) as { data: { id: string } };
  await env.DB.prepare("UPDATE jobs SET status = 'pending' WHERE id = ?").bind(data.id).run();
  const job = await env.DB.prepare("SELECT chunk_count FROM jobs WHERE id = ?").bind(data.id).first<{ chunk_count: number }>();
  return { id: data.id, chunkCount: job?.chunk_count ?? 0, postMs };
}

let sequence = 0;
/** Delivers chunk messages to the Worker's queue handler as the Queues runtime would. */
async function deliver(jobId: string, chunkIndexes: number[], attempts = 1) {
  const batch = createMessageBatch(
    "jobs",
    chunkIndexes.map((chunkIndex) => ({ id: `m-${++sequence}`, timestamp: new Date(), attempts, body: { jobId, chunkIndex } })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<QueueMessageBody>, env, ctx);
  return getQueueResult(batch, ctx);
}

async function jobCounts(jobId: string) {
  return env.DB.prepare(
    `SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS ids, COUNT(DISTINCT job_row_number) AS rows_, MIN(job_row_number) AS first, MAX(job_row_number) AS last
     FROM notifications WHERE job_id = ?`,
  )
    .bind(jobId)
    .first<{ n: number; ids: number; rows_: number; first: number; last: number }>();
}

/** A GateClient that records enqueues instead of dispatching; `failFirst` makes the first enqueue throw. */
function recordingGate(options: { failFirst?: boolean } = {}) {
  const enqueued: GateItem[] = [];
  let calls = 0;
  const gate = {
    enqueue: async (items: GateItem[]) => {
      calls += 1;
      if (options.failFirst && calls === 1) throw new Error("OrgGate unreachable");
      enqueued.push(...items);
    },
  } as unknown as GateClient;
  return { enqueued, deps: { ...servicesFor(env), gateFor: () => gate } satisfies Services };
}

describe("a 50,000-row job", () => {
  it("expands completely, exactly once, with chunk messages redelivered", { timeout: 120_000 }, async () => {
    const { id, chunkCount, postMs } = await pendingJob(50_000);
    expect(chunkCount).toBe(50);

    const started = Date.now();
    // In batches of 5 (the consumer's max_batch_size), with duplicates inside a batch as well.
    const results = [await deliver(id, [0, 0, 1, 1, 2])];
    for (let chunk = 3; chunk < chunkCount; chunk += 5)
      results.push(
        await deliver(
          id,
          [chunk, chunk + 1, chunk + 2, chunk + 3, chunk + 4].filter((c) => c < chunkCount),
        ),
      );
    const expandMs = Date.now() - started;
    expect(results.flatMap((r) => r.retryMessages)).toEqual([]);

    // Redelivery of everything after the fact, and of a chunk whose "expanded" mark was lost (a
    // consumer that died after handing its rows to the OrgGate): nothing new is stored or enqueued.
    for (let chunk = 0; chunk < chunkCount; chunk += 5) await deliver(id, [chunk, chunk + 1, chunk + 2, chunk + 3, chunk + 4], 2);
    await env.DB.prepare("UPDATE job_chunks SET expanded_at = NULL WHERE job_id = ? AND chunk_index = 7").bind(id).run();
    await env.DB.prepare("UPDATE jobs SET status = 'in progress' WHERE id = ?").bind(id).run();
    await deliver(id, [7], 3);

    expect(await jobCounts(id)).toEqual({ n: 50_000, ids: 50_000, rows_: 50_000, first: 0, last: 49_999 });
    const gate = await env.ORG_GATE.getByName(tenant.organisationId).stats();
    // Every notification went into the bulk lane exactly once (some may have been dispatched since).
    expect(gate.queued.bulk + gate.dispatched).toBe(50_000);

    const job = await env.DB.prepare("SELECT status, processing_started, processing_finished FROM jobs WHERE id = ?")
      .bind(id)
      .first<Record<string, unknown>>();
    expect(job?.status).toBe("finished");
    expect(job?.processing_started).not.toBeNull();
    expect(job?.processing_finished).not.toBeNull();

    // The ids are the derived ones, and the rows carry the rendered message.
    const first = await env.DB.prepare("SELECT * FROM notifications WHERE job_id = ? AND job_row_number = 0")
      .bind(id)
      .first<Record<string, unknown>>();
    expect(first).toMatchObject({
      id: await jobNotificationId(id, 0),
      body: "Hallo Naam 0, uw code is 0.",
      to: phone(0),
      normalised_to: "+31610000000",
      lane: "bulk",
      reference: "ref-bulk",
      billable_units: 1,
      template_version: 1,
    });
    expect(JSON.parse(String(first?.personalisation))).toEqual({ naam: "Naam 0", code: "0" });

    const res = await apiFetch(`/v2/jobs/${id}`, tenant.keys.normal);
    const { data } = (await res.json()) as { data: { job_status: string; statistics: { status: string; count: number }[] } };
    expect(data.job_status).toBe("finished");
    expect(data.statistics.reduce((sum, s) => sum + s.count, 0)).toBe(50_000);

    console.log(JSON.stringify({ event: "bulk_50k_timing", post_ms: postMs, expand_ms: expandMs }));
  });

  it("job notifications show in GET /v2/notifications only with include_jobs=true", async () => {
    const list = async (query: string) =>
      (
        (await (await apiFetch(`/v2/notifications${query}`, tenant.keys.normal)).json()) as {
          notifications: { id: string; reference: string }[];
        }
      ).notifications;
    expect(await list("")).toEqual([]);
    const withJobs = await list("?include_jobs=true");
    expect(withJobs).toHaveLength(250);
    expect(withJobs.every((n) => n.reference === "ref-bulk")).toBe(true);
  });
});

describe("expansion failures", () => {
  it("an OrgGate hand-off that fails is retried without duplicates", async () => {
    const { id } = await pendingJob(1_500);
    const failing = recordingGate({ failFirst: true });
    await expect(expandChunk(failing.deps, id, 0)).rejects.toThrow("OrgGate unreachable");
    // The rows are stored (created) but nobody holds them: the retry hands them over.
    expect((await jobCounts(id))?.n).toBe(1_000);
    expect(await expandChunk(failing.deps, id, 0)).toBe("expanded");
    expect(await expandChunk(failing.deps, id, 0)).toBe("already_expanded");
    expect(failing.enqueued).toHaveLength(1_000);
    expect(new Set(failing.enqueued.map((item) => item.id)).size).toBe(1_000);
    expect(failing.enqueued.every((item) => item.lane === "bulk")).toBe(true);

    // Two consumers on the same chunk at once each hand over only what they claimed.
    const a = recordingGate();
    const b = recordingGate();
    await Promise.all([expandChunk(a.deps, id, 1), expandChunk(b.deps, id, 1)]);
    expect(a.enqueued.length + b.enqueued.length).toBe(500);
    expect((await jobCounts(id))?.n).toBe(1_500);
  });

  it("a message the consumer cannot read is acked, a transient failure retried", async () => {
    const batch = createMessageBatch("jobs", [{ id: "bad", timestamp: new Date(), attempts: 1, body: { nope: true } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<QueueMessageBody>, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["bad"]);
  });
});

describe("cancelling a running job", () => {
  it("cancels the waiting notifications, expands nothing more, and nothing can be sent", async () => {
    const { id } = await pendingJob(3_000);
    const gate = recordingGate();
    expect(await expandChunk(gate.deps, id, 0)).toBe("expanded");

    const res = await apiFetch(`/v2/jobs/${id}/cancel`, tenant.keys.normal, { method: "POST" });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { job_status: string; statistics: { status: string; count: number }[] } };
    expect(data.job_status).toBe("cancelled");
    expect(data.statistics).toEqual([{ status: "cancelled", count: 1_000 }]);

    expect(await expandChunk(gate.deps, id, 1)).toBe("job_not_running");
    await deliver(id, [1, 2]);
    expect((await jobCounts(id))?.n).toBe(1_000);
    // What is still in the OrgGate's lane reaches the dispatch consumer, whose claim refuses it.
    expect(
      await claimNotifications(
        servicesFor(env).db,
        gate.enqueued.map((item) => item.id),
        Date.now(),
      ),
    ).toEqual([]);

    const again = await apiFetch(`/v2/jobs/${id}/cancel`, tenant.keys.normal, { method: "POST" });
    expect(again.status).toBe(400);
    expect((await readError(again)).messages).toEqual(["Job has already been cancelled"]);
  });

  it("a finished job with nothing left to send cannot be cancelled", async () => {
    const { id } = await pendingJob(2);
    const gate = recordingGate();
    await expandChunk(gate.deps, id, 0);
    await env.DB.prepare("UPDATE notifications SET status = 'delivered' WHERE job_id = ?").bind(id).run();
    const res = await apiFetch(`/v2/jobs/${id}/cancel`, tenant.keys.normal, { method: "POST" });
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual(["Job cannot be cancelled: all its messages have already been sent"]);
  });
});

describe("through the real queue", () => {
  it("a job sent without a schedule is expanded by the jobs consumer and shows its progress", async () => {
    const res = await apiFetch("/v2/notifications/bulk", tenant.keys.test, {
      method: "POST",
      body: {
        template_id: tenant.smsTemplateId,
        name: "direct",
        rows: [
          ["phone number", "naam", "code"],
          [phone(1), "A", "1"],
          [phone(2), "B", "2"],
        ],
      },
    });
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: { id: string; job_status: string } };
    expect(data.job_status).toBe("pending");
    await vi.waitUntil(
      async () => {
        const job = (await (await apiFetch(`/v2/jobs/${data.id}`, tenant.keys.test)).json()) as {
          data: { job_status: string; statistics: { count: number }[] };
        };
        return job.data.job_status === "finished" && job.data.statistics.reduce((s, x) => s + x.count, 0) === 2;
      },
      { timeout: 10_000, interval: 200 },
    );
  });
});
