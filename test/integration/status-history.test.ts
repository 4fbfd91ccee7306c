/**
 * The status history (migrations/0006 triggers → notification_events, src/notifications/status-history.ts):
 * every insert and status change leaves a row with its time, attempt, source and the provider's
 * code; a no-op change leaves none; the rows go with the notification; a service that opted in
 * gets the history in its delivery-status callback.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildServices } from "../../src/app/build-services";
import { createDb } from "../../src/db/database";
import { historyEntryJson } from "../../src/notifications/evidence/evidence-json";
import { loadNotificationHistory } from "../../src/notifications/evidence/status-history";
import { changeStatusBatch } from "../../src/notifications/statuses";
import { received, recordingQueue, runCallbacks } from "../support/delivery";
import { adminJson, apiFetch, createTenant } from "../support/fixtures";
import { insertNotification } from "../support/notification-factory";

const db = createDb(env.DB);

/** The history of any notification, in the JSON form the APIs answer with. */
async function statusHistory(_db: unknown, id: string) {
  const row = await env.DB.prepare("SELECT service_id FROM notifications WHERE id = ?").bind(id).first<{ service_id: string }>();
  if (!row) return [];
  return ((await loadNotificationHistory(db, row.service_id, id)) ?? []).map(historyEntryJson);
}
const statusDeps = () => ({ db, callbackQueue: recordingQueue() });

describe("the status history", () => {
  it("starts with the API's insert", async () => {
    const tenant = await createTenant();
    const res = await apiFetch("/v2/notifications/sms", tenant.keys.test, {
      method: "POST",
      body: { phone_number: "0612345678", template_id: tenant.smsTemplateId, personalisation: { naam: "Jan", code: "1" } },
    });
    const { id } = (await res.json()) as { id: string };
    const [first] = await statusHistory(db, id);
    expect(first).toMatchObject({ attempt: 1, from_status: null, to_status: "created", source: "api" });
  });

  it("records each change with its source, the provider's code and description", async () => {
    const tenant = await createTenant();
    const id = await insertNotification({
      serviceId: tenant.serviceId,
      organisationId: tenant.organisationId,
      status: "sending",
      provider: "cm",
    });
    const now = Date.now();
    await changeStatusBatch(
      statusDeps(),
      [{ notificationId: id, next: "pending", source: "provider", fields: { providerStatus: "0" } }],
      now,
    );
    await changeStatusBatch(
      statusDeps(),
      [{ notificationId: id, next: "delivered", source: "provider", fields: { providerStatus: "2", providerResponse: "CM 2" } }],
      now + 1000,
    );
    const history = await statusHistory(db, id);
    expect(history.slice(1)).toEqual([
      expect.objectContaining({ from_status: "sending", to_status: "pending", source: "provider", provider: "cm", provider_status: "0" }),
      expect.objectContaining({ from_status: "pending", to_status: "delivered", provider_status: "2", detail: "CM 2" }),
    ]);
    expect(Date.parse(history[2]?.at ?? "") - Date.parse(history[1]?.at ?? "")).toBe(1000);
  });

  it("a change that does not apply (a duplicate receipt) leaves no row", async () => {
    const tenant = await createTenant();
    const id = await insertNotification({
      serviceId: tenant.serviceId,
      organisationId: tenant.organisationId,
      status: "delivered",
      provider: "cm",
    });
    const before = (await statusHistory(db, id)).length;
    await changeStatusBatch(statusDeps(), [{ notificationId: id, next: "delivered", source: "provider" }], Date.now());
    expect(await statusHistory(db, id)).toHaveLength(before);
  });

  it("is deleted with the notification (retention)", async () => {
    const tenant = await createTenant();
    const id = await insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, status: "delivered" });
    expect((await statusHistory(db, id)).length).toBeGreaterThan(0);
    await env.DB.prepare("DELETE FROM notifications WHERE id = ?").bind(id).run();
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM notification_events WHERE notification_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

describe("the delivery-status callback with history", () => {
  const TOKEN = "history-bearer-0123456789";

  async function tenantWithHook(callbackHistory: boolean) {
    const hook = `/hist-${crypto.randomUUID().slice(0, 8)}`;
    const tenant = await createTenant({ deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: TOKEN } });
    if (callbackHistory) await adminJson("PATCH", `/admin/v1/services/${tenant.serviceId}`, { callback_history: true });
    return { tenant, hook };
  }

  async function callbackBody(callbackHistory: boolean): Promise<Record<string, unknown>> {
    const { tenant, hook } = await tenantWithHook(callbackHistory);
    const id = await insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, status: "delivered" });
    const deps = buildServices(env, { config: { ALLOW_PRIVATE_CALLBACK_URLS: true } });
    await runCallbacks([{ kind: "delivery_status", notificationId: id }], deps);
    const [got] = await received(hook);
    return got?.body as Record<string, unknown>;
  }

  it("carries the history only when the service opted in", async () => {
    const body = await callbackBody(true);
    expect(body.history).toEqual([expect.objectContaining({ from_status: null, to_status: "delivered" })]);
  });

  it("keeps Notify's body exactly otherwise", async () => {
    expect(Object.keys(await callbackBody(false))).not.toContain("history");
  });
});
