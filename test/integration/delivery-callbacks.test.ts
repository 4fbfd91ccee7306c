/**
 * The `callbacks` queue consumer (src/service-callbacks/callbacks.consumer.ts) against the support
 * server's receiver: Notify's body and bearer token, retries only on network errors, 5xx and 429,
 * giving up after the last attempt, the private-address rule, and "a callback never changes the
 * notification"; and which status changes (src/notifications/statuses.ts) enqueue a callback.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../src/app/build-services";
import { createDb } from "../../src/db/database";
import { changeStatusBatch } from "../../src/notifications/statuses";
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
  const tenant = await createTenant({
    retry: false,
    deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: TOKEN },
  });
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

  const send = (id: string, attempts = 1, options: Parameters<typeof deps>[0] = {}) =>
    runCallbacks([{ kind: "delivery_status", notificationId: id }], deps(options), attempts);

  it("a 503 is retried with exponential backoff, one POST per attempt", async () => {
    const { tenant: t, hook: h } = await tenantWithHook();
    await hookAnswers(h, 503);
    const id = await delivered(t);
    expect(await send(id, 1)).toEqual({ acked: [], retried: [{ notificationId: id, delaySeconds: 30 }] });
    expect(await send(id, 3)).toEqual({ acked: [], retried: [{ notificationId: id, delaySeconds: 120 }] });
    expect(await received(h)).toHaveLength(2);
  });

  it("a 503 on the last attempt is given up: acked, not retried", async () => {
    const { tenant: t, hook: h } = await tenantWithHook();
    await hookAnswers(h, 503);
    const id = await delivered(t);
    expect(await send(id, CALLBACK_MAX_ATTEMPTS)).toEqual({ acked: [id], retried: [] });
    expect(await received(h)).toHaveLength(1);
  });

  it("a failing callback leaves the notification's status untouched", async () => {
    const { tenant: t, hook: h } = await tenantWithHook();
    await hookAnswers(h, 503);
    const id = await delivered(t);
    await send(id, 1);
    await send(id, CALLBACK_MAX_ATTEMPTS);
    expect((await getNotification(id)).status).toBe("delivered");
  });

  it("a retry after the receiver recovered is acked", async () => {
    const { tenant: t, hook: h } = await tenantWithHook();
    await hookAnswers(h, 503);
    const id = await delivered(t);
    await send(id, 1);
    await hookAnswers(h, 200);
    expect(await send(id, 2)).toEqual({ acked: [id], retried: [] });
  });

  it("a 429 is retried", async () => {
    const { tenant: t, hook: h } = await tenantWithHook();
    const id = await delivered(t);
    await hookAnswers(h, 429);
    expect(await send(id)).toEqual({ acked: [], retried: [{ notificationId: id, delaySeconds: 30 }] });
  });

  it("a 400 is not retried", async () => {
    const { tenant: t, hook: h } = await tenantWithHook();
    const id = await delivered(t);
    await hookAnswers(h, 400);
    expect(await send(id)).toEqual({ acked: [id], retried: [] });
    expect(await received(h)).toHaveLength(1);
  });

  it("a network error (nothing listening) is retried", async () => {
    const t = await createTenant();
    await adminJson(
      "PUT",
      `/admin/v1/services/${t.serviceId}/callbacks/delivery-status`,
      { url: "http://127.0.0.1:9/nothing", bearer_token: TOKEN },
      200,
    );
    const id = await delivered(t);
    expect(await send(id, 1, { timeoutMs: 1_000 })).toEqual({ acked: [], retried: [{ notificationId: id, delaySeconds: 30 }] });
  });

  it("a private or loopback target is refused at send time unless allowed", async () => {
    const { tenant: t, hook: h } = await tenantWithHook();
    const id = await delivered(t);
    expect(await send(id, 1, { allowPrivateUrls: false })).toEqual({ acked: [id], retried: [] });
    expect(await received(h)).toEqual([]);
  });

  it("no callback configured: acked, nothing sent", async () => {
    const t = await createTenant();
    const id = await delivered(t);
    expect(await send(id)).toEqual({ acked: [id], retried: [] });
  });

  it("the notification is gone (purged): acked, nothing sent", async () => {
    const gone = crypto.randomUUID();
    expect(await send(gone)).toEqual({ acked: [gone], retried: [] });
  });
});

describe("which status changes enqueue a callback", () => {
  let tenant: Tenant;
  let plain: Tenant;
  beforeAll(async () => {
    ({ tenant } = await tenantWithHook());
    plain = await createTenant({ retry: false });
  });

  const now = Date.now();
  const seed = (t: Tenant, status: "created" | "sending" | "delivered") =>
    insertNotification({ serviceId: t.serviceId, organisationId: t.organisationId, status });
  /** statuses.ts with a recording callbacks queue. */
  const recorded = () => {
    const queue = recordingQueue();
    return { queue, statusDeps: { db: createDb(env.DB), callbackQueue: queue } };
  };

  it.each([
    ["sending", "delivered"],
    ["sending", "temporary-failure"],
    ["sending", "permanent-failure"],
    ["sending", "technical-failure"],
    ["created", "sent"],
  ] as const)("%s → %s enqueues one callback", async (from, next) => {
    const { queue, statusDeps } = recorded();
    const id = await seed(tenant, from);
    expect((await changeStatusBatch(statusDeps, [{ notificationId: id, next, source: "provider" }], now)).length).toBe(1);
    expect(queue.sent).toEqual([{ kind: "delivery_status", notificationId: id }]);
  });

  it.each([
    ["sending", "pending"],
    ["created", "sending"],
    ["created", "cancelled"],
  ] as const)("%s → %s applies but enqueues no callback", async (from, next) => {
    const { queue, statusDeps } = recorded();
    const id = await seed(tenant, from);
    expect((await changeStatusBatch(statusDeps, [{ notificationId: id, next, source: "provider" }], now)).length).toBe(1);
    expect(queue.sent).toEqual([]);
  });

  it.each([
    ["delivered", "delivered"],
    ["delivered", "temporary-failure"],
    ["sending", "cancelled"],
  ] as const)("%s → %s is not allowed: a no-op, no callback", async (from, next) => {
    const { queue, statusDeps } = recorded();
    const id = await seed(tenant, from);
    expect((await changeStatusBatch(statusDeps, [{ notificationId: id, next, source: "provider" }], now)).length).toBe(0);
    expect(queue.sent).toEqual([]);
  });

  it("a service without a callback gets none, even for a final status", async () => {
    const { queue, statusDeps } = recorded();
    const id = await seed(plain, "created");
    expect((await changeStatusBatch(statusDeps, [{ notificationId: id, next: "technical-failure", source: "provider" }], now)).length).toBe(
      1,
    );
    expect(queue.sent).toEqual([]);
  });

  it("a batch returns the changes that applied, in input order, and enqueues callbacks only for those that warrant one", async () => {
    const { queue, statusDeps } = recorded();
    const [b, c, d] = [await seed(tenant, "created"), await seed(plain, "created"), await seed(tenant, "delivered")];
    const applied = await changeStatusBatch(
      statusDeps,
      [
        { notificationId: b, next: "sending", source: "provider" },
        { notificationId: c, next: "technical-failure", source: "provider" },
        { notificationId: d, next: "permanent-failure", source: "provider" },
      ],
      now,
    );
    expect(applied).toEqual([
      { notificationId: b, serviceId: tenant.serviceId, status: "sending" },
      { notificationId: c, serviceId: plain.serviceId, status: "technical-failure" },
    ]);
    expect(queue.sent).toEqual([]);
  });
});
