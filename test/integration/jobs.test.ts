/**
 * Job expansion by the `jobs` consumer (src/jobs/expand-chunk.ts, src/jobs/expand.consumer.ts,
 * src/jobs/cancel-job.ts): a job of several chunks expands completely and exactly once even when
 * chunk messages are duplicated and redelivered; a failed hand-off to the OrgGate is retried without
 * duplicates; GET /v2/jobs shows progress; a cancelled job sends nothing more.
 * (The timing of a 50,000-row job is measured by `npm run bench -- bulk`, not here.)
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PAGE_SIZE } from "../../src/api/v2/notifications/list-notifications";
import { servicesFor } from "../../src/app/build-services";
import type { Services } from "../../src/app/services";
import { claimNotifications } from "../../src/delivery/claim";
import type { GateClient } from "../../src/gate/gate-client";
import type { GateItem } from "../../src/gate/types";
import worker from "../../src/index";
import { consumeJobChunks } from "../../src/jobs/expand.consumer";
import { expandChunk } from "../../src/jobs/expand-chunk";
import { jobNotificationId } from "../../src/jobs/job-ids";
import { CHUNK_ROWS } from "../../src/jobs/limits";
import type { QueueMessageBody } from "../../src/queues/queue-messages";
import { apiFetch, createTenant, readError, type Tenant } from "../support/fixtures";

/** A send rate of 1 a minute keeps the lanes full, so the OrgGate's counters show every enqueue. */
const heldTenant = () => createTenant({ sendRatePerMinute: 1 });

let tenant: Tenant;

beforeAll(async () => {
  tenant = await heldTenant();
});

const phone = (i: number) => `06${String(10_000_000 + i)}`;
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** Submits a job held back by a schedule (so no real queue message races the test), then makes it pending. */
async function pendingJob(
  rows: number,
  owner: Tenant = tenant,
  body: (i: number) => string = (i) => `${phone(i)},Naam ${i},${i}`,
): Promise<{ id: string; chunkCount: number }> {
  const csv = `phone number,naam,code\n${Array.from({ length: rows }, (_, i) => body(i)).join("\n")}\n`;
  const res = await apiFetch("/v2/notifications/bulk", owner.keys.normal, {
    method: "POST",
    body: { template_id: owner.smsTemplateId, name: `job ${rows}`, csv, reference: "ref-bulk", scheduled_for: inAnHour() },
  });
  expect(res.status).toBe(201);
  const { data } = (await res.json()) as { data: { id: string } };
  await env.DB.prepare("UPDATE jobs SET status = 'pending' WHERE id = ?").bind(data.id).run();
  const job = await env.DB.prepare("SELECT chunk_count FROM jobs WHERE id = ?").bind(data.id).first<{ chunk_count: number }>();
  return { id: data.id, chunkCount: job?.chunk_count ?? 0 };
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

/** How many notifications the organisation's OrgGate was given: still in a lane, or dispatched since. */
async function handedToGate(organisationId: string): Promise<number> {
  const stats = await env.ORG_GATE.getByName(organisationId).stats();
  return stats.queued.priority + stats.queued.normal + stats.queued.bulk + stats.dispatched;
}

async function jobRow(jobId: string) {
  return env.DB.prepare("SELECT status, processing_started, processing_finished FROM jobs WHERE id = ?")
    .bind(jobId)
    .first<{ status: string; processing_started: number | null; processing_finished: number | null }>();
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

describe("a job of four chunks whose chunk messages are duplicated and redelivered", () => {
  // Three full chunks and a partial one: enough to cover batches, duplicates and the last chunk.
  const ROWS = 3 * CHUNK_ROWS + CHUNK_ROWS / 2;
  let owner: Tenant;
  let job: { id: string; chunkCount: number };
  let results: Awaited<ReturnType<typeof deliver>>[];

  beforeAll(async () => {
    owner = await heldTenant();
    job = await pendingJob(ROWS, owner);
    // In batches of at most 5 (the consumer's max_batch_size), with duplicates inside a batch, then
    // every chunk delivered again (a redelivery after the fact).
    results = [await deliver(job.id, [0, 0, 1, 1, 2]), await deliver(job.id, [2, 3, 3]), await deliver(job.id, [0, 1, 2, 3], 2)];
  });

  it("is stored as one chunk per CHUNK_ROWS rows", () => {
    expect(job.chunkCount).toBe(4);
  });

  it("acks every chunk message, duplicates and redeliveries included", () => {
    expect(results.flatMap((r) => r.retryMessages)).toEqual([]);
  });

  it("stores every row exactly once", async () => {
    expect(await jobCounts(job.id)).toEqual({ n: ROWS, ids: ROWS, rows_: ROWS, first: 0, last: ROWS - 1 });
  });

  it("hands every notification to the OrgGate exactly once", async () => {
    const stats = await env.ORG_GATE.getByName(owner.organisationId).stats();
    expect(stats.queued.priority + stats.queued.normal).toBe(0);
    // Every notification went into the bulk lane exactly once (some may have been dispatched since).
    expect(stats.queued.bulk + stats.dispatched).toBe(ROWS);
  });

  it("marks the job finished, with its processing start and end", async () => {
    const row = await jobRow(job.id);
    expect(row).toMatchObject({ status: "finished", processing_started: expect.any(Number), processing_finished: expect.any(Number) });
    expect(row?.processing_finished).toBeGreaterThanOrEqual(row?.processing_started ?? Number.POSITIVE_INFINITY);
  });

  it("gives every row the id derived from the job and its row number", async () => {
    const { results: rows } = await env.DB.prepare("SELECT id, job_row_number FROM notifications WHERE job_id = ? ORDER BY job_row_number")
      .bind(job.id)
      .all<{ id: string; job_row_number: number }>();
    const expected = await Promise.all(
      Array.from({ length: ROWS }, async (_, i) => ({ id: await jobNotificationId(job.id, i), job_row_number: i })),
    );
    expect(rows).toEqual(expected);
  });

  it("stores each row's rendered message, recipient and personalisation", async () => {
    const last = ROWS - 1;
    const { results: rows } = await env.DB.prepare(
      "SELECT * FROM notifications WHERE job_id = ? AND job_row_number IN (0, ?) ORDER BY job_row_number",
    )
      .bind(job.id, last)
      .all<Record<string, unknown>>();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      body: "Hallo Naam 0, uw code is 0.",
      to: phone(0),
      normalised_to: "+31610000000",
      lane: "bulk",
      reference: "ref-bulk",
      billable_units: 1,
      template_version: 1,
    });
    expect(JSON.parse(String(rows[0]?.personalisation))).toEqual({ naam: "Naam 0", code: "0" });
    expect(rows[1]).toMatchObject({
      body: `Hallo Naam ${last}, uw code is ${last}.`,
      to: phone(last),
      normalised_to: `+316${10_000_000 + last}`,
    });
  });

  it("GET /v2/jobs/{id} shows the job finished, with statistics covering every row", async () => {
    const res = await apiFetch(`/v2/jobs/${job.id}`, owner.keys.normal);
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as {
      data: { id: string; job_status: string; notification_count: number; statistics: { status: string; count: number }[] };
    };
    expect(data).toMatchObject({ id: job.id, job_status: "finished", notification_count: ROWS });
    expect(data.statistics.reduce((sum, s) => sum + s.count, 0)).toBe(ROWS);
  });
});

describe("a chunk whose expanded mark was lost", () => {
  // A consumer that died after handing its rows to the OrgGate, before marking the chunk expanded.
  it("stores and enqueues nothing new when its message is redelivered, and the job finishes again", async () => {
    const ROWS = CHUNK_ROWS + 500;
    const owner = await heldTenant();
    const job = await pendingJob(ROWS, owner);
    expect((await deliver(job.id, [0, 1])).retryMessages).toEqual([]);
    expect(await handedToGate(owner.organisationId)).toBe(ROWS);

    await env.DB.prepare("UPDATE job_chunks SET expanded_at = NULL WHERE job_id = ? AND chunk_index = 1").bind(job.id).run();
    await env.DB.prepare("UPDATE jobs SET status = 'in progress' WHERE id = ?").bind(job.id).run();
    expect((await deliver(job.id, [1], 3)).retryMessages).toEqual([]);

    expect(await jobCounts(job.id)).toEqual({ n: ROWS, ids: ROWS, rows_: ROWS, first: 0, last: ROWS - 1 });
    expect(await handedToGate(owner.organisationId)).toBe(ROWS);
    expect((await jobRow(job.id))?.status).toBe("finished");
  });
});

describe("job notifications in GET /v2/notifications", () => {
  // One page and a bit: the list is cut at PAGE_SIZE.
  const ROWS = PAGE_SIZE + 10;
  let owner: Tenant;

  beforeAll(async () => {
    owner = await heldTenant();
    const job = await pendingJob(ROWS, owner);
    expect(await expandChunk(recordingGate().deps, job.id, 0)).toBe("expanded");
  });

  const list = async (query: string) =>
    (
      (await (await apiFetch(`/v2/notifications${query}`, owner.keys.normal)).json()) as {
        notifications: { id: string; reference: string }[];
      }
    ).notifications;

  it("are left out by default", async () => {
    expect(await list("")).toEqual([]);
  });

  it("are listed with include_jobs=true, a page at a time", async () => {
    const withJobs = await list("?include_jobs=true");
    expect(withJobs).toHaveLength(PAGE_SIZE);
    expect(withJobs.filter((n) => n.reference !== "ref-bulk")).toEqual([]);
  });
});

describe("expansion failures", () => {
  /** A job whose first chunk was stored but not handed over: the OrgGate failed on the first try. */
  async function failedOnce() {
    const { id } = await pendingJob(CHUNK_ROWS + 500);
    const failing = recordingGate({ failFirst: true });
    await expect(expandChunk(failing.deps, id, 0)).rejects.toThrow("OrgGate unreachable");
    return { id, failing };
  }

  it("an OrgGate hand-off that fails throws, with the chunk's rows stored", async () => {
    const { id, failing } = await failedOnce();
    expect((await jobCounts(id))?.n).toBe(CHUNK_ROWS);
    expect(failing.enqueued).toEqual([]);
  });

  it("the retry hands the stored rows over, each once, in the bulk lane", async () => {
    // The rows are stored (created) but nobody holds them: the retry hands them over.
    const { id, failing } = await failedOnce();
    expect(await expandChunk(failing.deps, id, 0)).toBe("expanded");
    expect(failing.enqueued).toHaveLength(CHUNK_ROWS);
    expect(new Set(failing.enqueued.map((item) => item.id)).size).toBe(CHUNK_ROWS);
    expect(failing.enqueued.filter((item) => item.lane !== "bulk")).toEqual([]);
    expect((await jobCounts(id))?.n).toBe(CHUNK_ROWS);
  });

  it("a chunk expanded by the retry is not handed over again", async () => {
    const { id, failing } = await failedOnce();
    expect(await expandChunk(failing.deps, id, 0)).toBe("expanded");
    expect(await expandChunk(failing.deps, id, 0)).toBe("already_expanded");
    expect(failing.enqueued).toHaveLength(CHUNK_ROWS);
  });

  it("two consumers on the same chunk at once each hand over only what they claimed", async () => {
    const { id } = await pendingJob(CHUNK_ROWS + 500);
    const a = recordingGate();
    const b = recordingGate();
    await Promise.all([expandChunk(a.deps, id, 1), expandChunk(b.deps, id, 1)]);
    expect(a.enqueued.length + b.enqueued.length).toBe(500);
    expect(new Set([...a.enqueued, ...b.enqueued].map((item) => item.id)).size).toBe(500);
    expect((await jobCounts(id))?.n).toBe(500);
  });

  it("a message the consumer cannot read is acked", async () => {
    const batch = createMessageBatch("jobs", [{ id: "bad", timestamp: new Date(), attempts: 1, body: { nope: true } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<QueueMessageBody>, env, ctx);
    expect(await getQueueResult(batch, ctx)).toMatchObject({ explicitAcks: ["bad"], retryMessages: [] });
  });

  it("a chunk message whose hand-off fails is retried, not acked", async () => {
    const { id } = await pendingJob(10);
    const failing = recordingGate({ failFirst: true });
    const batch = createMessageBatch("jobs", [{ id: "transient", timestamp: new Date(), attempts: 1, body: { jobId: id, chunkIndex: 0 } }]);
    const ctx = createExecutionContext();
    await consumeJobChunks(batch, failing.deps);
    expect(await getQueueResult(batch, ctx)).toMatchObject({ explicitAcks: [], retryMessages: [{ msgId: "transient" }] });
  });
});

describe("cancelling a running job", () => {
  let id: string;
  let gate: ReturnType<typeof recordingGate>;
  let cancelled: Response;

  beforeAll(async () => {
    ({ id } = await pendingJob(3_000));
    gate = recordingGate();
    expect(await expandChunk(gate.deps, id, 0)).toBe("expanded");
    cancelled = await apiFetch(`/v2/jobs/${id}/cancel`, tenant.keys.normal, { method: "POST" });
  });

  it("cancels the waiting notifications", async () => {
    expect(cancelled.status).toBe(200);
    const { data } = (await cancelled.json()) as { data: { job_status: string; statistics: { status: string; count: number }[] } };
    expect(data.job_status).toBe("cancelled");
    expect(data.statistics).toEqual([{ status: "cancelled", count: CHUNK_ROWS }]);
  });

  it("expands nothing more, directly or through the queue", async () => {
    expect(await expandChunk(gate.deps, id, 1)).toBe("job_not_running");
    await deliver(id, [1, 2]);
    expect((await jobCounts(id))?.n).toBe(CHUNK_ROWS);
  });

  it("what is still in the OrgGate's lane reaches the dispatch consumer, whose claim refuses it", async () => {
    expect(gate.enqueued).toHaveLength(CHUNK_ROWS);
    expect(
      await claimNotifications(
        servicesFor(env).db,
        gate.enqueued.map((item) => item.id),
        Date.now(),
      ),
    ).toEqual([]);
  });

  it("cannot be cancelled twice", async () => {
    const again = await apiFetch(`/v2/jobs/${id}/cancel`, tenant.keys.normal, { method: "POST" });
    expect(again.status).toBe(400);
    expect((await readError(again)).messages).toEqual(["Job has already been cancelled"]);
  });
});

describe("a finished job with nothing left to send", () => {
  it("cannot be cancelled", async () => {
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
      { timeout: 5_000, interval: 200 },
    );
  });
});
