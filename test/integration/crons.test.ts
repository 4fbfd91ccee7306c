/**
 * The cron table and its housekeeping tasks, each run at a fixed time: replay of what fell out of
 * the pipeline, the 72-hour timeout (with callbacks), and the retention purge (personal data gone,
 * anonymous counts kept, idempotently).
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { servicesFor } from "../../src/app/build-services";
import type { Services } from "../../src/app/services";
import type { GateClient } from "../../src/gate/gate-client";
import type { GateItem, Lane } from "../../src/gate/types";
import worker from "../../src/index";
import type { JobChunkMessage } from "../../src/queues/queue-messages";
import { CRON_TABLE } from "../../src/scheduled/cron-table";
import { purgeRetention, retentionCutoff } from "../../src/scheduled/purge-retention";
import { replayCreated } from "../../src/scheduled/replay-created";
import { timeoutSending } from "../../src/scheduled/timeout-sending";
import { received } from "../support/delivery";
import { createTenant, type Tenant } from "../support/fixtures";
import { insertNotification, type NotificationSeed } from "../support/notification-factory";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function runCron(cron: string, scheduledTime: number): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** A stored notification with chosen times (ms ago). */
async function seed(
  tenant: Tenant,
  fields: Partial<NotificationSeed> & { createdAgo: number; sentAgo?: number; updatedAgo?: number },
  now = Date.now(),
): Promise<string> {
  const id = await insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, ...fields });
  await env.DB.prepare("UPDATE notifications SET created_at = ?, sent_at = ?, updated_at = ? WHERE id = ?")
    .bind(
      now - fields.createdAgo,
      fields.sentAgo === undefined ? null : now - fields.sentAgo,
      fields.updatedAgo === undefined ? null : now - fields.updatedAgo,
      id,
    )
    .run();
  return id;
}

const statusOf = async (id: string) =>
  (await env.DB.prepare("SELECT status FROM notifications WHERE id = ?").bind(id).first<{ status: string }>())?.status ?? "gone";

/** Deps whose OrgGate records enqueues and reports the given lane depths. */
function fakeGate(queued: Partial<Record<Lane, number>> = {}) {
  const enqueued: GateItem[] = [];
  const gate = {
    enqueue: async (items: GateItem[]) => void enqueued.push(...items),
    stats: async () => ({ queued: { priority: 0, normal: 0, bulk: 0, ...queued }, dispatched: 0, sendRatePerMinute: 60 }),
  } as unknown as GateClient;
  const sent: JobChunkMessage[] = [];
  const jobQueue = {
    sendBatch: async (messages: Iterable<MessageSendRequest<JobChunkMessage>>) => void sent.push(...[...messages].map((m) => m.body)),
  } as unknown as Services["jobQueue"];
  const deps: Services = { ...servicesFor(env), gateFor: () => gate, jobQueue };
  return { deps, enqueued, sent };
}

describe("the cron table", () => {
  it("has the crons of wrangler.toml, each with its tasks", () => {
    expect(Object.keys(CRON_TABLE).sort()).toEqual(["* * * * *", "17 * * * *", "30 2 * * *"].sort());
    expect(Object.fromEntries(Object.entries(CRON_TABLE).map(([cron, tasks]) => [cron, tasks.map((t) => t.name)]))).toEqual({
      "* * * * *": ["release-scheduled", "replay-created"],
      "17 * * * *": ["timeout-sending"],
      "30 2 * * *": ["purge-retention"],
    });
  });
});

describe("replay-created", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenant();
  });

  it("replays rows that never reached dispatch, once per interval, and not while their lane is busy", async () => {
    const now = Date.now();
    const lost = await seed(tenant, { createdAgo: 10 * 60_000 });
    const lostBulk = await seed(tenant, { createdAgo: 10 * 60_000, lane: "bulk" });
    const fresh = await seed(tenant, { createdAgo: 60_000 });
    const scheduled = await seed(tenant, { createdAgo: 10 * 60_000, scheduledFor: now + HOUR });
    const claimed = await seed(tenant, { createdAgo: 10 * 60_000, claimedAt: now - 30_000 });
    const busyBulk = fakeGate({ bulk: 5_000 });
    await replayCreated(busyBulk.deps, now);
    const replayed = busyBulk.enqueued.map((item) => item.id);
    expect(replayed).toContain(lost);
    expect(replayed).not.toContain(lostBulk); // its lane still has a backlog: it may simply be waiting there
    for (const id of [fresh, scheduled, claimed]) expect(replayed).not.toContain(id);

    const again = fakeGate();
    await replayCreated(again.deps, now + 60_000);
    expect(again.enqueued.map((item) => item.id)).toEqual([lostBulk]);
    const later = fakeGate();
    await replayCreated(later.deps, now + 6 * 60_000);
    // Five minutes on: `lost` again (still not dispatched), `fresh` is now old enough, and the claim of
    // `claimed` went stale (the delivery code's replay); `lostBulk` was replayed a minute ago, `scheduled` waits.
    expect(later.enqueued.map((item) => item.id).sort()).toEqual([lost, fresh, claimed].sort());
  });

  it("re-sends the unexpanded chunks of a job that made no progress", async () => {
    const now = Date.now();
    const jobId = crypto.randomUUID();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO jobs (id, service_id, organisation_id, template_id, template_version, notification_type, name, key_type,
           notification_count, chunk_count, status, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 'sms', 'stil', 'normal', 3, 3, 'in progress', ?, ?)`,
      ).bind(jobId, tenant.serviceId, tenant.organisationId, tenant.smsTemplateId, now - HOUR, now - 20 * 60_000),
      ...[0, 1, 2].map((i) =>
        env.DB.prepare("INSERT INTO job_chunks (job_id, chunk_index, first_row_number, rows, expanded_at) VALUES (?, ?, ?, '{}', ?)").bind(
          jobId,
          i,
          i,
          i === 1 ? now : null,
        ),
      ),
    ]);
    const { deps, sent } = fakeGate();
    await replayCreated(deps, now);
    expect(sent.filter((m) => m.jobId === jobId)).toEqual([
      { jobId, chunkIndex: 0 },
      { jobId, chunkIndex: 2 },
    ]);
    const second = fakeGate();
    await replayCreated(second.deps, now + 60_000);
    expect(second.sent.filter((m) => m.jobId === jobId)).toEqual([]);
  });
});

describe("timeout-sending (hourly)", () => {
  it("turns sending/pending older than 72 hours into temporary-failure and calls the service back", async () => {
    const hook = `/timeout-${crypto.randomUUID().slice(0, 8)}`;
    const tenant = await createTenant({
      deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: "timeout-bearer-0123456789" },
    });
    const old = await seed(tenant, { status: "sending", createdAgo: 73 * HOUR, sentAgo: 73 * HOUR });
    const oldPending = await seed(tenant, { status: "pending", createdAgo: 80 * HOUR, sentAgo: 79 * HOUR });
    const recent = await seed(tenant, { status: "sending", createdAgo: 80 * HOUR, sentAgo: 10 * HOUR }); // scheduled long ahead, sent lately
    const delivered = await seed(tenant, { status: "delivered", createdAgo: 100 * HOUR, sentAgo: 100 * HOUR });

    await runCron("17 * * * *", Date.now());
    expect(await statusOf(old)).toBe("temporary-failure");
    expect(await statusOf(oldPending)).toBe("temporary-failure");
    expect(await statusOf(recent)).toBe("sending");
    expect(await statusOf(delivered)).toBe("delivered");

    const callbacks = await vi.waitUntil(
      async () => {
        const got = await received(hook);
        return got.length >= 2 ? got : undefined;
      },
      { timeout: 10_000, interval: 200 },
    );
    const bodies = callbacks.map((c) => c.body as { id: string; status: string });
    expect(bodies.map((b) => b.id).sort()).toEqual([old, oldPending].sort());
    expect(bodies.every((b) => b.status === "temporary-failure")).toBe(true);
    expect(callbacks[0]?.headers.authorization).toBe("Bearer timeout-bearer-0123456789");

    // Idempotent: a second run changes nothing and calls nobody.
    expect(await timeoutSending(servicesFor(env), Date.now())).toBe(0);
  });
});

describe("purge-retention (daily)", () => {
  it("removes personal data past each service's retention, keeps the counts, and counts nothing twice", async () => {
    const short = await createTenant({ retentionDays: 3 });
    const long = await createTenant({ retentionDays: 7 });
    const now = Date.now();
    const cutoff = retentionCutoff(now, 3);
    const ago = (ms: number) => now - ms;
    const day = (ms: number) => new Date(ago(ms)).toISOString().slice(0, 10);

    const purged = [
      await seed(short, { status: "delivered", billableUnits: 2, createdAgo: 5 * DAY, sentAgo: 5 * DAY }),
      await seed(short, { status: "permanent-failure", billableUnits: 1, createdAgo: 5 * DAY, sentAgo: 5 * DAY }),
      await seed(short, { type: "email", status: "delivered", createdAgo: 4 * DAY, sentAgo: 4 * DAY }),
      await seed(short, { status: "delivered", keyType: "test", createdAgo: 5 * DAY, sentAgo: 5 * DAY }),
      await seed(short, { status: "created", createdAgo: 12 * DAY }), // stuck far beyond any schedule
    ];
    const kept = [
      await seed(short, { status: "delivered", createdAgo: 1 * DAY, sentAgo: 1 * DAY }),
      await seed(short, { status: "created", createdAgo: 5 * DAY, scheduledFor: now + DAY }),
      await seed(short, { status: "delivered", createdAgo: 5 * DAY, sentAgo: 1 * DAY }), // scheduled, sent lately
      await seed(long, { status: "delivered", createdAgo: 5 * DAY, sentAgo: 5 * DAY }),
    ];
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO received_texts (id, service_id, notify_number, user_number, content, created_at) VALUES (?, ?, '3197', '+31612345678', 'oud', ?)",
      ).bind(crypto.randomUUID(), short.serviceId, ago(5 * DAY)),
      env.DB.prepare(
        "INSERT INTO received_texts (id, service_id, notify_number, user_number, content, created_at) VALUES (?, ?, '3197', '+31612345678', 'nieuw', ?)",
      ).bind(crypto.randomUUID(), short.serviceId, ago(HOUR)),
    ]);
    const finishedJob = crypto.randomUUID();
    const scheduledJob = crypto.randomUUID();
    for (const [id, status] of [
      [finishedJob, "finished"],
      [scheduledJob, "scheduled"],
    ] as const) {
      await env.DB.batch([
        env.DB.prepare(
          `INSERT INTO jobs (id, service_id, organisation_id, template_id, template_version, notification_type, name, key_type, notification_count, chunk_count, status)
           VALUES (?, ?, ?, ?, 1, 'sms', 'j', 'normal', 1, 1, ?)`,
        ).bind(id, short.serviceId, short.organisationId, short.smsTemplateId, status),
        env.DB.prepare(
          `INSERT INTO job_chunks (job_id, chunk_index, first_row_number, rows) VALUES (?, 0, 0, '{"header":["phone number"],"rows":[["0612345678"]]}')`,
        ).bind(id),
      ]);
    }

    // Two runs at once, then one more: the counts must come out the same.
    await Promise.all([purgeRetention(servicesFor(env), now), runCron("30 2 * * *", now)]);
    await purgeRetention(servicesFor(env), now);

    for (const id of purged) expect(await statusOf(id)).toBe("gone");
    for (const id of kept) expect(await statusOf(id)).not.toBe("gone");
    expect(cutoff).toBeLessThan(ago(3 * DAY));
    const stats = await env.DB.prepare(
      "SELECT day, notification_type, status, count, billable_units FROM daily_statistics WHERE service_id = ? ORDER BY day, notification_type, status",
    )
      .bind(short.serviceId)
      .all<Record<string, unknown>>();
    expect(stats.results).toEqual(
      [
        { day: day(12 * DAY), notification_type: "sms", status: "created", count: 1, billable_units: 1 },
        { day: day(5 * DAY), notification_type: "sms", status: "delivered", count: 1, billable_units: 2 },
        { day: day(5 * DAY), notification_type: "sms", status: "permanent-failure", count: 1, billable_units: 1 },
        { day: day(4 * DAY), notification_type: "email", status: "delivered", count: 1, billable_units: 0 },
      ].sort((a, b) => (a.day + a.notification_type + a.status < b.day + b.notification_type + b.status ? -1 : 1)),
    );
    const texts = await env.DB.prepare("SELECT content FROM received_texts WHERE service_id = ?")
      .bind(short.serviceId)
      .all<{ content: string }>();
    expect(texts.results.map((t) => t.content)).toEqual(["nieuw"]);
    const chunks = await env.DB.prepare("SELECT job_id FROM job_chunks WHERE job_id IN (?, ?)")
      .bind(finishedJob, scheduledJob)
      .all<{ job_id: string }>();
    expect(chunks.results.map((c) => c.job_id)).toEqual([scheduledJob]);
  });
});
