/**
 * The cron table (src/scheduled/) and its housekeeping tasks, each run at a fixed time: replay of what fell out of
 * the pipeline, the 72-hour timeout (with callbacks), and the retention purge (personal data gone,
 * anonymous counts kept, idempotently).
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
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
import { callbacksSettled, received } from "../support/delivery";
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
      "* * * * *": ["release-scheduled", "replay-created", "resend-callbacks", "send-fallbacks"],
      "17 * * * *": ["timeout-sending", "purge-console-tokens"],
      "30 2 * * *": ["purge-retention"],
    });
  });
});

describe("replay-created", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenant();
  });

  describe("rows that never reached dispatch, replayed three times", () => {
    const ids: Record<"lost" | "lostBulk" | "fresh" | "scheduled" | "claimed", string> = {
      lost: "",
      lostBulk: "",
      fresh: "",
      scheduled: "",
      claimed: "",
    };
    let first: string[];
    let aMinuteLater: string[];
    let sixMinutesLater: string[];

    beforeAll(async () => {
      const now = Date.now();
      ids.lost = await seed(tenant, { createdAgo: 10 * 60_000 });
      ids.lostBulk = await seed(tenant, { createdAgo: 10 * 60_000, lane: "bulk" });
      ids.fresh = await seed(tenant, { createdAgo: 60_000 });
      ids.scheduled = await seed(tenant, { createdAgo: 10 * 60_000, scheduledFor: now + HOUR });
      ids.claimed = await seed(tenant, { createdAgo: 10 * 60_000, claimedAt: now - 30_000 });
      const busyBulk = fakeGate({ bulk: 5_000 });
      await replayCreated(busyBulk.deps, now);
      first = busyBulk.enqueued.map((item) => item.id);
      const again = fakeGate();
      await replayCreated(again.deps, now + 60_000);
      aMinuteLater = again.enqueued.map((item) => item.id);
      const later = fakeGate();
      await replayCreated(later.deps, now + 6 * 60_000);
      sixMinutesLater = later.enqueued.map((item) => item.id);
    });

    it("replays a row created long ago and never dispatched", () => {
      expect(first).toContain(ids.lost);
    });

    it("does not replay a row whose lane still has a backlog: it may simply be waiting there", () => {
      expect(first).not.toContain(ids.lostBulk);
    });

    it.each(["fresh", "scheduled", "claimed"] as const)("does not replay a %s row", (name) => {
      expect(first).not.toContain(ids[name]);
    });

    it("a minute later replays only the row whose lane has emptied", () => {
      expect(aMinuteLater).toEqual([ids.lostBulk]);
    });

    it("five minutes on replays again what is still lost, now-old rows and stale claims", () => {
      // `lost` again (still not dispatched), `fresh` is now old enough, and the claim of `claimed`
      // went stale (the delivery code's replay); `lostBulk` was replayed a minute ago, `scheduled` waits.
      expect([...sixMinutesLater].sort()).toEqual([ids.lost, ids.fresh, ids.claimed].sort());
    });
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
    // Once re-sent, the job's chunks wait a full interval before the next replay.
    const second = fakeGate();
    await replayCreated(second.deps, now + 60_000);
    expect(second.sent.filter((m) => m.jobId === jobId)).toEqual([]);
  });
});

describe("timeout-sending (hourly)", () => {
  const hook = `/timeout-${crypto.randomUUID().slice(0, 8)}`;
  let tenant: Tenant;
  const ids: Record<"old" | "oldPending" | "recent" | "delivered", string> = { old: "", oldPending: "", recent: "", delivered: "" };

  beforeAll(async () => {
    tenant = await createTenant({
      retry: false, // a failure here is final; second-attempt.test.ts covers the retry
      deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: "timeout-bearer-0123456789" },
    });
    ids.old = await seed(tenant, { status: "sending", createdAgo: 73 * HOUR, sentAgo: 73 * HOUR });
    ids.oldPending = await seed(tenant, { status: "pending", createdAgo: 80 * HOUR, sentAgo: 79 * HOUR });
    ids.recent = await seed(tenant, { status: "sending", createdAgo: 80 * HOUR, sentAgo: 10 * HOUR }); // scheduled long ahead, sent lately
    ids.delivered = await seed(tenant, { status: "delivered", createdAgo: 100 * HOUR, sentAgo: 100 * HOUR });
    await runCron("17 * * * *", Date.now());
  });

  it.each([
    ["a sending row sent more than 72 hours ago", "temporary-failure", "old"],
    ["a pending row sent more than 72 hours ago", "temporary-failure", "oldPending"],
    ["a sending row created long ago but sent lately", "sending", "recent"],
    ["a delivered row", "delivered", "delivered"],
  ] as const)("%s ends up %s", async (_name, status, key) => {
    expect(await statusOf(ids[key])).toBe(status);
  });

  it("calls the service back once for each timed-out row, with its bearer token", async () => {
    // The cron's callbacks are queued by now: wait until the queue has delivered all of them.
    await callbacksSettled(hook, () =>
      insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, status: "delivered" }),
    );
    const callbacks = (await received(hook)).filter((c) => Object.values(ids).includes((c.body as { id: string }).id));
    expect(
      callbacks
        .map((c) => c.body as { id: string; status: string })
        .map(({ id, status }) => ({ id, status }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual(
      [
        { id: ids.old, status: "temporary-failure" },
        { id: ids.oldPending, status: "temporary-failure" },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(callbacks.map((c) => c.headers.authorization)).toEqual(["Bearer timeout-bearer-0123456789", "Bearer timeout-bearer-0123456789"]);
  });

  it("is idempotent: a second run changes nothing", async () => {
    expect(await timeoutSending(servicesFor(env), Date.now())).toBe(0);
  });
});

describe("purge-retention (daily)", () => {
  const now = Date.now();
  const ago = (ms: number) => now - ms;
  const day = (ms: number) => new Date(ago(ms)).toISOString().slice(0, 10);
  let short: Tenant;
  let long: Tenant;
  const ids = new Map<string, string>();
  let finishedJob: string;
  let scheduledJob: string;

  /** Rows of a service keeping 3 days ("short") or 7 ("long"), and what the purge must do with them. */
  const rows = [
    ["an SMS delivered 5 days ago", "short", { status: "delivered", billableUnits: 2, createdAgo: 5 * DAY, sentAgo: 5 * DAY }, "gone"],
    ["an SMS failed 5 days ago", "short", { status: "permanent-failure", billableUnits: 1, createdAgo: 5 * DAY, sentAgo: 5 * DAY }, "gone"],
    ["an email delivered 4 days ago", "short", { type: "email", status: "delivered", createdAgo: 4 * DAY, sentAgo: 4 * DAY }, "gone"],
    ["a test-key SMS of 5 days ago", "short", { status: "delivered", keyType: "test", createdAgo: 5 * DAY, sentAgo: 5 * DAY }, "gone"],
    ["a row stuck in created for 12 days, far beyond any schedule", "short", { status: "created", createdAgo: 12 * DAY }, "gone"],
    ["an SMS delivered a day ago", "short", { status: "delivered", createdAgo: 1 * DAY, sentAgo: 1 * DAY }, "kept"],
    [
      "a row created 5 days ago, scheduled for tomorrow",
      "short",
      { status: "created", createdAgo: 5 * DAY, scheduledFor: now + DAY },
      "kept",
    ],
    ["a row created 5 days ago but sent a day ago", "short", { status: "delivered", createdAgo: 5 * DAY, sentAgo: 1 * DAY }, "kept"],
    ["an SMS of 5 days ago of a service keeping 7 days", "long", { status: "delivered", createdAgo: 5 * DAY, sentAgo: 5 * DAY }, "kept"],
  ] as const;

  beforeAll(async () => {
    short = await createTenant({ retentionDays: 3 });
    long = await createTenant({ retentionDays: 7 });
    for (const [name, owner, fields] of rows) ids.set(name, await seed(owner === "short" ? short : long, { ...fields }, now));
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO received_texts (id, service_id, notify_number, user_number, content, created_at) VALUES (?, ?, '3197', '+31612345678', 'oud', ?)",
      ).bind(crypto.randomUUID(), short.serviceId, ago(5 * DAY)),
      env.DB.prepare(
        "INSERT INTO received_texts (id, service_id, notify_number, user_number, content, created_at) VALUES (?, ?, '3197', '+31612345678', 'nieuw', ?)",
      ).bind(crypto.randomUUID(), short.serviceId, ago(HOUR)),
    ]);
    finishedJob = crypto.randomUUID();
    scheduledJob = crypto.randomUUID();
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
  });

  it.each(rows.map(([name, , fields, outcome]) => [name, outcome, outcome === "gone" ? "gone" : fields.status] as const))(
    "%s: %s",
    async (name, _outcome, status) => {
      expect(await statusOf(ids.get(name) as string)).toBe(status);
    },
  );

  it("cuts off at more than the retention days ago", () => {
    expect(retentionCutoff(now, 3)).toBeLessThan(ago(3 * DAY));
  });

  it("keeps the purged rows as anonymous daily counts, each counted once, test keys not at all", async () => {
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
  });

  it("removes received texts past the retention", async () => {
    const texts = await env.DB.prepare("SELECT content FROM received_texts WHERE service_id = ?")
      .bind(short.serviceId)
      .all<{ content: string }>();
    expect(texts.results.map((t) => t.content)).toEqual(["nieuw"]);
  });

  it("removes the stored rows of finished jobs, not of scheduled ones", async () => {
    const chunks = await env.DB.prepare("SELECT job_id FROM job_chunks WHERE job_id IN (?, ?)")
      .bind(finishedJob, scheduledJob)
      .all<{ job_id: string }>();
    expect(chunks.results.map((c) => c.job_id)).toEqual([scheduledJob]);
  });
});
