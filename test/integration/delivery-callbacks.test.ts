/**
 * The `callbacks` queue consumer against the support server's receiver: Notify's body and bearer
 * token, retries only on network errors, 5xx and 429, giving up after the last attempt, the
 * private-address rule, and "a callback never changes the notification".
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../src/app/build-services";
import { createDb } from "../../src/db/database";
import { changeStatus, changeStatusBatch } from "../../src/notifications/statuses";
import { CALLBACK_MAX_ATTEMPTS, type CallbackDeps } from "../../src/service-callbacks/callbacks.consumer";
import { received, recordingQueue, runCallbacks } from "../support/delivery";
import { adminJson, createTenant, type Tenant } from "../support/fixtures";
import { getNotification, insertNotification } from "../support/notification-factory";

const TOKEN = "delivery-bearer-0123456789";
const deps = ({ allowPrivateUrls = true, ...overrides }: Partial<CallbackDeps> & { allowPrivateUrls?: boolean } = {}): CallbackDeps => ({
  ...buildServices(env, { config: { ALLOW_PRIVATE_CALLBACK_URLS: allowPrivateUrls } }),
  ...overrides,
});

async function tenantWithHook(): Promise<{ tenant: Tenant; hook: string }> {
  const hook = `/cb-${crypto.randomUUID().slice(0, 8)}`;
  const tenant = await createTenant({ deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: TOKEN } });
  return { tenant, hook };
}

async function hookAnswers(hook: string, status: number): Promise<void> {
  await fetch(`${env.TEST_SUPPORT_URL}/hook${hook}?status=${status}`, { method: "PUT" });
}

const delivered = (tenant: Tenant) =>
  insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, status: "delivered", reference: "abc" });

describe("delivery-status callbacks", () => {
  let tenant: Tenant;
  let hook: string;
  beforeAll(async () => ({ tenant, hook } = await tenantWithHook()));

  it("POSTs Notify's body with the bearer token", async () => {
    const id = await delivered(tenant);
    const outcome = await runCallbacks([{ kind: "delivery_status", notificationId: id }], deps());
    expect(outcome).toEqual({ acked: [id], retried: [] });
    const got = (await received(hook)).filter((c) => (c.body as { id: string }).id === id);
    expect(got).toHaveLength(1);
    expect(got[0]?.method).toBe("POST");
    expect(got[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(Object.keys(got[0]?.body as object).sort()).toEqual(
      [
        "completed_at",
        "created_at",
        "id",
        "notification_type",
        "reference",
        "sent_at",
        "status",
        "template_id",
        "template_version",
        "to",
      ].sort(),
    );
    expect(got[0]?.body).toMatchObject({ id, reference: "abc", status: "delivered", notification_type: "sms", template_version: 1 });
  });

  it("a 503 is retried with backoff, then given up after the last attempt; the status is untouched", async () => {
    const { tenant: t, hook: h } = await tenantWithHook();
    await hookAnswers(h, 503);
    const id = await delivered(t);
    const first = await runCallbacks([{ kind: "delivery_status", notificationId: id }], deps(), 1);
    expect(first.retried).toEqual([{ notificationId: id, delaySeconds: 30 }]);
    const third = await runCallbacks([{ kind: "delivery_status", notificationId: id }], deps(), 3);
    expect(third.retried).toEqual([{ notificationId: id, delaySeconds: 120 }]);
    const last = await runCallbacks([{ kind: "delivery_status", notificationId: id }], deps(), CALLBACK_MAX_ATTEMPTS);
    expect(last).toEqual({ acked: [id], retried: [] });
    expect((await received(h)).length).toBe(3);
    expect((await getNotification(id)).status).toBe("delivered");

    await hookAnswers(h, 200);
    expect((await runCallbacks([{ kind: "delivery_status", notificationId: id }], deps(), 2)).acked).toEqual([id]);
  });

  it("a 429 is retried; a 400 is not", async () => {
    const { tenant: t, hook: h } = await tenantWithHook();
    const id = await delivered(t);
    await hookAnswers(h, 429);
    expect((await runCallbacks([{ kind: "delivery_status", notificationId: id }], deps())).retried).toHaveLength(1);
    await hookAnswers(h, 400);
    expect(await runCallbacks([{ kind: "delivery_status", notificationId: id }], deps())).toEqual({ acked: [id], retried: [] });
  });

  it("a network error (nothing listening) is retried", async () => {
    const t = await createTenant();
    await adminJson(
      "PUT",
      `/admin/services/${t.serviceId}/callbacks/delivery-status`,
      { url: "http://127.0.0.1:9/nothing", bearer_token: TOKEN },
      200,
    );
    const id = await delivered(t);
    const outcome = await runCallbacks([{ kind: "delivery_status", notificationId: id }], deps({ timeoutMs: 1_000 }));
    expect(outcome.retried).toHaveLength(1);
  });

  it("a private or loopback target is refused at send time unless allowed", async () => {
    const { tenant: t, hook: h } = await tenantWithHook();
    const id = await delivered(t);
    const outcome = await runCallbacks([{ kind: "delivery_status", notificationId: id }], deps({ allowPrivateUrls: false }));
    expect(outcome).toEqual({ acked: [id], retried: [] });
    expect(await received(h)).toEqual([]);
  });

  it("no callback configured, or the row is gone: acked, nothing sent", async () => {
    const t = await createTenant();
    const id = await delivered(t);
    expect((await runCallbacks([{ kind: "delivery_status", notificationId: id }], deps())).acked).toEqual([id]);
    const gone = crypto.randomUUID();
    expect((await runCallbacks([{ kind: "delivery_status", notificationId: gone }], deps())).acked).toEqual([gone]);
  });
});

describe("which status changes enqueue a callback", () => {
  it("final statuses and `sent` do; `pending`, `sending` and no-ops do not; services without a callback get none", async () => {
    const { tenant } = await tenantWithHook();
    const plain = await createTenant();
    const queue = recordingQueue();
    const statusDeps = { db: createDb(env.DB), callbackQueue: queue };
    const now = Date.now();
    const seed = (t: Tenant, status: "created" | "sending") =>
      insertNotification({ serviceId: t.serviceId, organisationId: t.organisationId, status });

    const a = await seed(tenant, "sending");
    expect(await changeStatus(statusDeps, a, "pending", {}, now)).toBe(true);
    expect(queue.sent).toEqual([]);
    expect(await changeStatus(statusDeps, a, "delivered", {}, now)).toBe(true);
    expect(await changeStatus(statusDeps, a, "delivered", {}, now)).toBe(false);
    expect(await changeStatus(statusDeps, a, "temporary-failure", {}, now)).toBe(false);
    expect(queue.sent).toEqual([{ kind: "delivery_status", notificationId: a }]);

    const b = await seed(tenant, "created");
    const c = await seed(plain, "created");
    const applied = await changeStatusBatch(
      statusDeps,
      [
        { notificationId: b, next: "sending" },
        { notificationId: c, next: "technical-failure" },
      ],
      now,
    );
    expect(applied.map((x) => x.status)).toEqual(["sending", "technical-failure"]);
    expect(queue.sent).toHaveLength(1);
    expect(await changeStatus(statusDeps, b, "cancelled", {}, now)).toBe(false);
    expect(await changeStatus(statusDeps, b, "technical-failure", {}, now)).toBe(true);
    expect(queue.sent).toEqual([
      { kind: "delivery_status", notificationId: a },
      { kind: "delivery_status", notificationId: b },
    ]);
  });
});
