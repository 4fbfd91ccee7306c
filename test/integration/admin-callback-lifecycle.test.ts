/**
 * Reading and removing a service's callbacks in the admin API (src/admin/callbacks/list-callbacks.ts,
 * get-callback.ts, delete-callback.ts): never a token, 404 when not set or not the service's, the
 * audit row, and that no delivery-status callback goes out once it is removed
 * (src/notifications/statuses.ts enqueueing, src/service-callbacks/callbacks.consumer.ts sending).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../src/app/build-services";
import { createDb } from "../../src/db/database";
import { changeStatusBatch } from "../../src/notifications/statuses";
import { received, recordingQueue, runCallbacks } from "../support/delivery";
import { adminFetch, adminJson, countRows, createTenant, readProblem, type Tenant } from "../support/fixtures";
import { insertNotification } from "../support/notification-factory";

const TOKEN = "geheim-callback-token-0123456789";
const path = (t: Tenant, type = "") => `/admin/v1/services/${t.serviceId}/callbacks${type ? `/${type}` : ""}`;
const remove = (t: Tenant, type: string) => adminFetch(path(t, type), { method: "DELETE" });
const callbacksOf = async (t: Tenant) =>
  (await env.DB.prepare("SELECT * FROM service_callbacks WHERE service_id = ?").bind(t.serviceId).all()).results;

let both: Tenant;
let none: Tenant;
let other: Tenant;
beforeAll(async () => {
  both = await createTenant({
    deliveryStatusCallback: { url: "https://ontvanger.example.nl/status", bearer_token: TOKEN },
    inboundSmsCallback: { url: "https://ontvanger.example.nl/in", bearer_token: TOKEN },
  });
  none = await createTenant();
  other = await createTenant({ deliveryStatusCallback: { url: "https://ander.example.nl/status", bearer_token: TOKEN } });
});

describe("GET /callbacks", () => {
  it("lists both types, without a token", async () => {
    const res = await adminFetch(path(both));
    const text = await res.text();
    expect(text).not.toContain(TOKEN);
    expect(JSON.parse(text)).toEqual({
      callbacks: [
        expect.objectContaining({
          service_id: both.serviceId,
          callback_type: "delivery_status",
          url: "https://ontvanger.example.nl/status",
        }),
        expect.objectContaining({ service_id: both.serviceId, callback_type: "inbound_sms", url: "https://ontvanger.example.nl/in" }),
      ],
    });
  });

  it("is an empty list for a service without callbacks (not another service's)", async () => {
    expect(await adminJson("GET", path(none))).toEqual({ callbacks: [] });
  });

  it("404 for a service of another organisation under ?organisationId=", async () => {
    expect((await adminFetch(`${path(both)}?organisationId=${other.organisationId}`)).status).toBe(404);
  });
});

describe("GET /callbacks/{type}", () => {
  it("answers the callback, without its token", async () => {
    const res = await adminFetch(path(both, "inbound-sms"));
    const text = await res.text();
    expect(text).not.toContain(TOKEN);
    expect(JSON.parse(text)).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      service_id: both.serviceId,
      callback_type: "inbound_sms",
      url: "https://ontvanger.example.nl/in",
      updated_at: expect.stringMatching(/Z$/),
    });
  });

  it("404 when the service has none of that type (another service's is not shown)", async () => {
    const res = await adminFetch(path(none, "delivery-status"));
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["This service has no callback of this type"]);
  });

  it("404 for an unknown type", async () => {
    expect((await adminFetch(path(both, "complaint"))).status).toBe(404);
  });

  it("404 under another organisation's ?organisationId=", async () => {
    expect((await adminFetch(`${path(both, "delivery-status")}?organisationId=${other.organisationId}`)).status).toBe(404);
  });
});

describe("DELETE /callbacks/{type}", () => {
  it("removes that type only, with an audit row naming the type", async () => {
    const t = await createTenant({
      deliveryStatusCallback: { url: "https://ontvanger.example.nl/status", bearer_token: TOKEN },
      inboundSmsCallback: { url: "https://ontvanger.example.nl/in", bearer_token: TOKEN },
    });
    const { id } = await adminJson<{ id: string }>("GET", path(t, "inbound-sms"));
    expect((await remove(t, "inbound-sms")).status).toBe(204);
    expect((await callbacksOf(t)).map((c) => c.callback_type)).toEqual(["delivery_status"]);
    const audit = await env.DB.prepare("SELECT action, details FROM audit_log WHERE target_id = ? AND action = 'callback.delete'")
      .bind(id)
      .first();
    expect(audit).toEqual({ action: "callback.delete", details: JSON.stringify({ callback_type: "inbound_sms" }) });
  });

  it("404 when not set, writing nothing", async () => {
    const before = await countRows("audit_log");
    const res = await remove(none, "delivery-status");
    expect(res.status).toBe(404);
    expect(await countRows("audit_log")).toBe(before);
  });

  it.each([
    ["an unknown type", () => path(other, "complaint")],
    [
      "another organisation's service under ?organisationId=",
      () => `${path(other, "delivery-status")}?organisationId=${both.organisationId}`,
    ],
  ])("404 for %s, leaving the callback", async (_name, target) => {
    const before = [await callbacksOf(other), await countRows("audit_log")];
    expect((await adminFetch(target(), { method: "DELETE" })).status).toBe(404);
    expect([await callbacksOf(other), await countRows("audit_log")]).toEqual(before);
  });

  describe("after removing the delivery-status callback", () => {
    let t: Tenant;
    let hook: string;
    let queued: string;
    beforeAll(async () => {
      hook = `/cb-${crypto.randomUUID().slice(0, 8)}`;
      t = await createTenant({ deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: TOKEN } });
      // A callback already in the queue when the callback is removed.
      queued = await insertNotification({ serviceId: t.serviceId, organisationId: t.organisationId, status: "delivered" });
      expect((await remove(t, "delivery-status")).status).toBe(204);
    });

    it("a later status change enqueues no callback", async () => {
      const queue = recordingQueue();
      const id = await insertNotification({ serviceId: t.serviceId, organisationId: t.organisationId, status: "sending" });
      const changed = await changeStatusBatch(
        { db: createDb(env.DB), callbackQueue: queue },
        [{ notificationId: id, next: "delivered", source: "provider" }],
        Date.now(),
      );
      expect(changed).toHaveLength(1);
      expect(queue.sent).toEqual([]);
    });

    it("a message queued before is dropped without posting", async () => {
      const deps = buildServices(env, { config: { ALLOW_PRIVATE_CALLBACK_URLS: true } });
      expect(await runCallbacks([{ kind: "delivery_status", notificationId: queued }], deps)).toEqual({ acked: [queued], retried: [] });
      expect(await received(hook)).toEqual([]);
    });
  });
});
