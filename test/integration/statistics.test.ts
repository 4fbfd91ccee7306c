/**
 * GET /admin/v1/services/{id}/statistics?days=7 (src/admin/statistics/): messages per day, channel and status and SMS
 * fragments billed, from the purge's daily counts plus the notifications not purged yet; the
 * totals are the same before and after a purge.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ServiceStatistics } from "../../src/admin/statistics/service-statistics";
import { servicesFor } from "../../src/app/build-services";
import { purgeRetention } from "../../src/scheduled/purge-retention";
import { adminFetch, adminJson, createTenant, type Tenant } from "../support/fixtures";
import { insertNotification, type NotificationSeed } from "../support/notification-factory";

const DAY = 86_400_000;
let tenant: Tenant;

async function seed(fields: Partial<NotificationSeed> & { createdAgo: number }): Promise<void> {
  const id = await insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, ...fields });
  const at = Date.now() - fields.createdAgo;
  await env.DB.prepare("UPDATE notifications SET created_at = ?, sent_at = ? WHERE id = ?").bind(at, at, id).run();
}

const statistics = (days = 7) => adminJson<ServiceStatistics>("GET", `/admin/v1/services/${tenant.serviceId}/statistics?days=${days}`);
const dayAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  tenant = await createTenant({ retentionDays: 3 });
  await seed({ status: "delivered", billableUnits: 2, createdAgo: 0 });
  await seed({ status: "delivered", billableUnits: 2, createdAgo: 0 });
  await seed({ status: "technical-failure", billableUnits: 1, createdAgo: 0 }); // never handed over: not billed
  await seed({ type: "email", status: "delivered", createdAgo: 0 });
  await seed({ status: "delivered", keyType: "test", createdAgo: 0 }); // test keys are not counted
  await seed({ status: "delivered", billableUnits: 3, createdAgo: 5 * DAY }); // past retention, not purged yet
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO daily_statistics (service_id, day, notification_type, status, count, billable_units) VALUES (?, ?, 'sms', 'delivered', 5, 6)",
    ).bind(tenant.serviceId, dayAgo(2)),
    env.DB.prepare(
      "INSERT INTO daily_statistics (service_id, day, notification_type, status, count, billable_units) VALUES (?, ?, 'sms', 'delivered', 9, 9)",
    ).bind(tenant.serviceId, dayAgo(10)),
  ]);
});

describe("GET /admin/v1/services/{id}/statistics", () => {
  it("answers for the service and the window asked for", async () => {
    expect(await statistics()).toMatchObject({ service_id: tenant.serviceId, days: 7, from: dayAgo(6), to: dayAgo(0) });
  });

  it("combines the daily counts with the live notifications, newest day first", async () => {
    const body = await statistics();
    expect(body.statistics).toEqual([
      { day: dayAgo(0), notification_type: "email", status: "delivered", count: 1, fragments_billed: 0 },
      { day: dayAgo(0), notification_type: "sms", status: "delivered", count: 2, fragments_billed: 4 },
      { day: dayAgo(0), notification_type: "sms", status: "technical-failure", count: 1, fragments_billed: 0 },
      { day: dayAgo(2), notification_type: "sms", status: "delivered", count: 5, fragments_billed: 6 },
      { day: dayAgo(5), notification_type: "sms", status: "delivered", count: 1, fragments_billed: 3 },
    ]);
  });

  it("totals the window per channel", async () => {
    expect((await statistics()).totals).toEqual({ sms: { count: 9, fragments_billed: 13 }, email: { count: 1 } });
  });

  it("takes older daily counts in with a longer window", async () => {
    expect((await statistics(30)).totals.sms.count).toBe(18);
  });

  it("gives the same answer after the purge moved rows into the daily counts", async () => {
    const before = await statistics();
    await purgeRetention(servicesFor(env), Date.now());
    const remaining = await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE service_id = ?")
      .bind(tenant.serviceId)
      .first<{ n: number }>();
    expect(remaining?.n).toBe(5);
    expect(await statistics()).toEqual(before);
  });

  it.each(["0", "91", "abc"])("is 400 for days=%s", async (days) => {
    const res = await adminFetch(`/admin/v1/services/${tenant.serviceId}/statistics?days=${days}`);
    expect(res.status).toBe(400);
  });

  it("is 404 for an unknown service", async () => {
    expect((await adminFetch(`/admin/v1/services/${crypto.randomUUID()}/statistics`)).status).toBe(404);
  });

  it("is 404 when scoped to another organisation", async () => {
    expect((await adminFetch(`/admin/v1/services/${tenant.serviceId}/statistics?organisationId=${crypto.randomUUID()}`)).status).toBe(404);
  });

  it("is 401 without the admin token", async () => {
    expect(
      (await adminFetch(`/admin/v1/services/${tenant.serviceId}/statistics`, { headers: { authorization: "Bearer wrong" } })).status,
    ).toBe(401);
  });
});
