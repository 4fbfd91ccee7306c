/**
 * OrgGate lanes (src/gate/org-gate.do.ts, src/gate/token-bucket.ts) under a bulk backlog: priority
 * and normal messages arriving mid-drain go out in the very next tick, before the remaining bulk;
 * nothing is lost or dispatched twice; and the whole lot then goes through the dispatch consumer
 * (src/delivery/dispatch.consumer.ts) to a final status.
 *
 * The gate's clock is the test's (gate-recorder.ts), so every tick's budget is exact: the send-rate
 * bucket holds one second's worth (RATE / 60), and the test moves the clock a second between ticks.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../src/app/build-services";
import type { GateItem } from "../../src/gate/types";
import { recordingQueue, runDispatch } from "../support/delivery";
import { createTenant, type Tenant } from "../support/fixtures";
import { type GateRecorder, manualClock, recordGate } from "../support/gate-recorder";
import { insertNotifications } from "../support/notification-factory";

/** The send rate given to the gate, per minute. */
const RATE = 36_000;
/** One tick's budget: the send-rate bucket's capacity, a second's worth of RATE (refilled in a second). */
const BUDGET = RATE / 60;
/** Two and a half ticks of bulk: some is left after the tick the urgent messages go out in. */
const BULK = 1_500;
/** Priority and normal messages that arrive after the first tick. */
const ARRIVALS = 20;

/** Inserts `count` bulk SMS rows in one statement (a recursive CTE); returns their ids in order. */
async function insertBulk(tenant: Tenant, count: number): Promise<string[]> {
  const prefix = `${crypto.randomUUID().slice(0, 13)}-4000-8000-`;
  await env.DB.prepare(
    `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?)
     INSERT INTO notifications (id, service_id, organisation_id, template_id, template_version, notification_type, key_type,
       "to", normalised_to, international, body, lane, status, billable_units, send_attempts, created_at)
     SELECT ? || printf('%012d', n), ?, ?, '00000000-0000-4000-8000-000000000001', 1, 'sms', 'normal',
       printf('+3161%07d', n), printf('+3161%07d', n), 0, 'Bulkbericht', 'bulk', 'created', 1, 0, ?
     FROM seq`,
  )
    .bind(count, prefix, tenant.serviceId, tenant.organisationId, Date.now())
    .run();
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(12, "0")}`);
}

interface Drain {
  tenant: Tenant;
  recorder: GateRecorder;
  bulk: string[];
  priority: string[];
  normal: string[];
  /** What the lanes held before the first tick. */
  queuedBefore: Record<GateItem["lane"], number>;
  /** The ids each tick handed over, in order. */
  ticks: string[][];
  /** What the lanes held once the test stopped ticking. */
  queuedAfter: Record<GateItem["lane"], number>;
}

/**
 * A bulk lane of BULK drained one tick at a time, with ARRIVALS priority and ARRIVALS normal
 * messages enqueued after the first tick, until the lanes are empty.
 */
async function drainWithArrivals(): Promise<Drain> {
  const tenant = await createTenant();
  const clock = manualClock();
  const recorder = await recordGate(tenant.organisationId, { manualDrain: true, clock });
  const gate = env.ORG_GATE.getByName(tenant.organisationId);
  const items = (ids: string[], lane: GateItem["lane"]) => ids.map((id) => ({ id, serviceId: tenant.serviceId, lane }));

  const bulk = await insertBulk(tenant, BULK);
  for (let i = 0; i < bulk.length; i += 500) await gate.enqueue(items(bulk.slice(i, i + 500), "bulk"), RATE);
  const queuedBefore = (await gate.stats()).queued;

  const ticks: string[][] = [];
  const tick = async () => {
    const before = recorder.ids.length;
    await recorder.tick();
    ticks.push(recorder.ids.slice(before));
    clock.advance(1_000); // a full bucket again: the next tick's budget is BUDGET
  };
  await tick();

  const seed = { serviceId: tenant.serviceId, organisationId: tenant.organisationId };
  const priority = await insertNotifications(Array.from({ length: ARRIVALS }, () => ({ ...seed, lane: "priority" as const })));
  const normal = await insertNotifications(Array.from({ length: ARRIVALS }, () => ({ ...seed, lane: "normal" as const })));
  await gate.enqueue([...items(normal, "normal"), ...items(priority, "priority")]);

  const all = BULK + 2 * ARRIVALS;
  while (recorder.ids.length < all && ticks.length < Math.ceil(all / BUDGET) + 1) await tick();
  return { tenant, recorder, bulk, priority, normal, queuedBefore, ticks, queuedAfter: (await gate.stats()).queued };
}

describe("OrgGate lanes under a bulk backlog, priority and normal messages arriving mid-drain", () => {
  let drain: Drain;

  beforeAll(async () => {
    drain = await drainWithArrivals();
  });

  it("holds the whole backlog in the bulk lane before the first tick", () => {
    expect(drain.queuedBefore).toEqual({ priority: 0, normal: 0, bulk: BULK });
  });

  it("a tick hands over one tick's budget of bulk, oldest first", () => {
    expect(drain.ticks[0]).toEqual(drain.bulk.slice(0, BUDGET));
  });

  it("the very next tick starts with every priority message", () => {
    expect(drain.ticks[1]?.slice(0, ARRIVALS).sort()).toEqual([...drain.priority].sort());
  });

  it("then every normal message, still before the remaining bulk", () => {
    expect(drain.ticks[1]?.slice(ARRIVALS, 2 * ARRIVALS).sort()).toEqual([...drain.normal].sort());
  });

  it("then fills its budget with bulk from where the first tick stopped, leaving the rest for later ticks", () => {
    expect(drain.ticks[1]?.slice(2 * ARRIVALS)).toEqual(drain.bulk.slice(BUDGET, 2 * BUDGET - 2 * ARRIVALS));
    expect(drain.ticks.slice(2).flat()).toEqual(drain.bulk.slice(2 * BUDGET - 2 * ARRIVALS));
  });

  it("empties every lane", () => {
    expect(drain.queuedAfter).toEqual({ priority: 0, normal: 0, bulk: 0 });
  });

  it("hands over every message exactly once", () => {
    const all = [...drain.bulk, ...drain.priority, ...drain.normal];
    expect(drain.recorder.ids).toHaveLength(all.length);
    expect(new Set(drain.recorder.ids)).toEqual(new Set(all));
  });

  it("keeps bulk in its original order", () => {
    const bulkSet = new Set(drain.bulk);
    expect(drain.recorder.ids.filter((id) => bulkSet.has(id))).toEqual(drain.bulk);
  });

  it("sends at most 100 messages per sendBatch", () => {
    expect(drain.recorder.batches.filter((b) => b.length > 100)).toEqual([]);
  });
});

describe("what the gate hands over, through the dispatch consumer", () => {
  it("reaches a final status, each message sent once", async () => {
    const { tenant, recorder } = await drainWithArrivals();
    // Every recorded message through the dispatch consumer (simulator), in the gate's batches.
    const deps = buildServices(env, { config: { SMS_PROVIDER: "simulator" }, callbackQueue: recordingQueue() });
    const retried: unknown[] = [];
    for (const batch of recorder.batches) retried.push(...(await runDispatch(batch, deps)).retried);
    expect(retried).toEqual([]);
    const counts = await env.DB.prepare(`SELECT status, COUNT(*) AS n FROM notifications WHERE service_id = ? GROUP BY status`)
      .bind(tenant.serviceId)
      .all<{ status: string; n: number }>();
    expect(counts.results).toEqual([{ status: "delivered", n: BULK + 2 * ARRIVALS }]);
    const attempts = await env.DB.prepare(`SELECT MAX(send_attempts) AS m FROM notifications WHERE service_id = ?`)
      .bind(tenant.serviceId)
      .first<{ m: number }>();
    expect(attempts?.m).toBe(1);
  });
});
