/**
 * A 10,000-message bulk lane drained with priority and normal messages arriving mid-drain: they go
 * out in the very next tick, before the remaining bulk; nothing is lost or dispatched twice; and the
 * whole lot then goes through the dispatch consumer to a final status.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../src/app/build-services";
import type { GateItem } from "../../src/gate/types";
import { recordingQueue, runDispatch } from "../support/delivery";
import { createTenant, type Tenant } from "../support/fixtures";
import { recordGate } from "../support/gate-recorder";
import { insertNotifications } from "../support/notification-factory";

const BULK = 10_000;
let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
});

/** Inserts `count` bulk SMS rows in one statement (a recursive CTE); returns their ids in order. */
async function insertBulk(count: number): Promise<string[]> {
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

describe("OrgGate lanes under a bulk backlog", () => {
  it("priority and normal messages arriving during a 10,000-message bulk drain are dispatched first", { timeout: 180_000 }, async () => {
    const gate = env.ORG_GATE.getByName(tenant.organisationId);
    const recorder = await recordGate(tenant.organisationId, { manualDrain: true });
    const bulk = await insertBulk(BULK);
    const items = (ids: string[], lane: GateItem["lane"]) => ids.map((id) => ({ id, serviceId: tenant.serviceId, lane }));
    for (let i = 0; i < bulk.length; i += 1000) await gate.enqueue(items(bulk.slice(i, i + 1000), "bulk"), 1_200_000);
    expect((await gate.stats()).queued).toEqual({ priority: 0, normal: 0, bulk: BULK });

    const firstTick = await recorder.tick();
    expect(firstTick).toBeGreaterThan(0);
    expect(firstTick).toBeLessThan(BULK);
    expect(recorder.ids).toEqual(bulk.slice(0, firstTick)); // oldest first

    const seed = { serviceId: tenant.serviceId, organisationId: tenant.organisationId };
    const priority = await insertNotifications(Array.from({ length: 20 }, () => ({ ...seed, lane: "priority" as const })));
    const normal = await insertNotifications(Array.from({ length: 20 }, () => ({ ...seed, lane: "normal" as const })));
    await gate.enqueue([...items(normal, "normal"), ...items(priority, "priority")]);

    // The very next tick starts with every priority message, then every normal one, then bulk.
    const before = recorder.ids.length;
    await recorder.tick();
    const nextTick = recorder.ids.slice(before);
    expect(nextTick.slice(0, 20).sort()).toEqual([...priority].sort());
    expect(nextTick.slice(20, 40).sort()).toEqual([...normal].sort());
    expect(nextTick.slice(40)).toEqual(bulk.slice(firstTick, firstTick + nextTick.length - 40));

    let guard = 0;
    while ((await gate.stats()).queued.bulk > 0 && guard++ < 100) await recorder.tick();
    const stats = await gate.stats();
    expect(stats.queued).toEqual({ priority: 0, normal: 0, bulk: 0 });

    // Nothing lost, nothing twice, bulk in its original order.
    const all = [...bulk, ...priority, ...normal];
    expect(recorder.ids).toHaveLength(all.length);
    expect(new Set(recorder.ids).size).toBe(all.length);
    const bulkSet = new Set(bulk);
    expect(recorder.ids.filter((id) => bulkSet.has(id))).toEqual(bulk);
    expect(recorder.batches.every((b) => b.length <= 100)).toBe(true);

    // Every recorded message through the dispatch consumer (simulator), in the gate's batches.
    const deps = buildServices(env, { config: { SMS_PROVIDER: "simulator" }, callbackQueue: recordingQueue() });
    for (let i = 0; i < recorder.ids.length; i += 100) {
      const outcome = await runDispatch(recorder.ids.slice(i, i + 100), deps);
      expect(outcome.retried).toEqual([]);
    }
    const counts = await env.DB.prepare(`SELECT status, COUNT(*) AS n FROM notifications WHERE service_id = ? GROUP BY status`)
      .bind(tenant.serviceId)
      .all<{ status: string; n: number }>();
    expect(counts.results).toEqual([{ status: "delivered", n: all.length }]);
    const attempts = await env.DB.prepare(`SELECT MAX(send_attempts) AS m FROM notifications WHERE service_id = ?`)
      .bind(tenant.serviceId)
      .first<{ m: number }>();
    expect(attempts?.m).toBe(1);
  });
});
