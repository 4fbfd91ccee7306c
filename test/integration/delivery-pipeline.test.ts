/**
 * The pipeline as deployed locally (SMS_PROVIDER/EMAIL_PROVIDER = simulator, real queues and
 * consumers), dead letters, the replay of stale claims, and rows that must not be sent.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../src/app/build-services";
import { services } from "../../src/db/schema";
import { replayStuckNotifications } from "../../src/delivery/replay";
import type { GateItem } from "../../src/gate/types";
import { eventually, received, runDeadLetters, runDispatch } from "../support/delivery";
import { apiFetch, createTenant, type Tenant } from "../support/fixtures";
import { db, getNotification, insertNotification, uniqueMobile } from "../support/notification-factory";

let tenant: Tenant;
let hook: string;

beforeAll(async () => {
  hook = `/pipeline-${crypto.randomUUID().slice(0, 8)}`;
  tenant = await createTenant({
    retry: false, // a failure here is final; second-attempt.test.ts covers the retry
    deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: "pipeline-bearer-0123" },
  });
});

const seed = () => ({ serviceId: tenant.serviceId, organisationId: tenant.organisationId });

async function send(phone_number: string, key = tenant.keys.normal): Promise<string> {
  const response = await apiFetch("/v2/notifications/sms", key, {
    method: "POST",
    body: { phone_number, template_id: tenant.smsTemplateId, personalisation: { naam: "Jan", code: "42" } },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe("the local pipeline with the simulators and real queues", () => {
  it("API → gate → dispatch queue → simulator → receipt → delivered → callback", async () => {
    const id = await send(uniqueMobile());
    const row = await eventually(async () => {
      const r = await getNotification(id);
      return r.status === "delivered" ? r : undefined;
    });
    expect(row).toMatchObject({ provider: "simulator", billableUnits: 1, sendAttempts: 1 });
    const callback = await eventually(async () => (await received(hook)).find((c) => (c.body as { id: string }).id === id));
    expect(callback.body).toMatchObject({ id, status: "delivered" });
  });

  it("test keys: the magic numbers give temporary and permanent failures", async () => {
    const temp = await send("+3197000000003", tenant.keys.test);
    const perm = await send("+3197000000002", tenant.keys.test);
    await eventually(async () => (await getNotification(temp)).status === "temporary-failure");
    await eventually(async () => (await getNotification(perm)).status === "permanent-failure");
    expect((await getNotification(perm)).providerResponse).toBe("CM 3/5: Message not delivered at third party");
  });
});

describe("rows the dispatcher must not send", () => {
  it("cancelled, already delivered, unknown and not-yet-due rows are acked and untouched", async () => {
    const cancelled = await insertNotification({ ...seed(), status: "cancelled" });
    const done = await insertNotification({ ...seed(), status: "delivered" });
    const future = await insertNotification({ ...seed(), scheduledFor: Date.now() + 3_600_000 });
    const unknown = crypto.randomUUID();
    const outcome = await runDispatch([cancelled, done, future, unknown], buildServices(env));
    expect(outcome.acked.sort()).toEqual([cancelled, done, future, unknown].sort());
    expect((await getNotification(cancelled)).status).toBe("cancelled");
    expect(await getNotification(future)).toMatchObject({ status: "created", sendAttempts: 0 });
  });

  it("a message of an inactive service is a technical failure at once", async () => {
    const inactive = await createTenant({ retry: false });
    await db().update(services).set({ active: false }).where(eq(services.id, inactive.serviceId));
    const id = await insertNotification({ serviceId: inactive.serviceId, organisationId: inactive.organisationId });
    expect((await runDispatch([id], buildServices(env))).acked).toEqual([id]);
    expect(await getNotification(id)).toMatchObject({ status: "technical-failure", providerResponse: "service_inactive" });
  });
});

describe("dead letters and stale claims", () => {
  it("a dead-lettered message becomes technical-failure (with a callback) only while still unsent", async () => {
    const stuck = await insertNotification(seed());
    const claimedNow = await insertNotification({ ...seed(), claimedAt: Date.now() });
    const sent = await insertNotification({ ...seed(), status: "sending" });
    expect((await runDeadLetters([stuck, claimedNow, sent])).acked.sort()).toEqual([stuck, claimedNow, sent].sort());
    expect(await getNotification(stuck)).toMatchObject({ status: "technical-failure", providerResponse: "Gave up after 11 attempts" });
    expect((await getNotification(stuck)).completedAt).toBeGreaterThan(0);
    expect((await getNotification(claimedNow)).status).toBe("created");
    expect((await getNotification(sent)).status).toBe("sending");
    const callback = await eventually(async () => (await received(hook)).find((c) => (c.body as { id: string }).id === stuck));
    expect(callback.body).toMatchObject({ status: "technical-failure" });
  });

  it("replayStuckNotifications releases stale claims and hands the rows back to their gate", async () => {
    const stale = await insertNotification({ ...seed(), claimedAt: Date.now() - 10 * 60_000, lane: "priority" });
    const fresh = await insertNotification({ ...seed(), claimedAt: Date.now() - 1_000 });
    const enqueued: { organisationId: string; items: GateItem[] }[] = [];
    const gateFor = (organisationId: string) => ({
      async enqueue(items: GateItem[]) {
        enqueued.push({ organisationId, items });
      },
    });
    const replayed = await replayStuckNotifications(db(), gateFor, Date.now());
    // The count is what was handed back (stale claims of other tests' rows included).
    expect(replayed).toBe(enqueued.flatMap((e) => e.items).length);
    const mine = enqueued
      .flatMap((e) => e.items.map((i) => ({ ...i, organisationId: e.organisationId })))
      .filter((i) => [stale, fresh].includes(i.id));
    expect(mine).toEqual([{ id: stale, serviceId: tenant.serviceId, lane: "priority", organisationId: tenant.organisationId }]);
    expect((await getNotification(stale)).claimedAt).toBeNull();
    expect((await getNotification(fresh)).claimedAt).not.toBeNull();
  });
});
