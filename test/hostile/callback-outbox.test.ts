/**
 * src/service-callbacks/outbox.ts (with notifications/statuses.ts and delivery/record-outcomes.ts,
 * which write its rows): a delivery-status callback owed by a committed status change is
 * not lost when the queue send fails; the cron sends it again, and the consumer clears what it got.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../src/app/build-services";
import { recordOutcomes } from "../../src/delivery/record-outcomes";
import { changeStatusBatch } from "../../src/notifications/statuses";
import type { CallbackQueue } from "../../src/queues/queue-messages";
import { OUTBOX_RESEND_AFTER_MS, resendOutbox } from "../../src/service-callbacks/outbox";
import { recordingQueue, runCallbacks } from "../support/delivery";
import { createTenant, type Tenant } from "../support/fixtures";
import { getNotification, insertNotification } from "../support/notification-factory";

let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant({
    deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook/outbox`, bearer_token: "outbox-bearer-0123456789" },
  });
});

const failingQueue: CallbackQueue = {
  async sendBatch() {
    throw new Error("queue unavailable");
  },
};

const outboxOf = async (id: string) =>
  (await env.DB.prepare("SELECT id FROM callback_outbox WHERE notification_id = ?").bind(id).all<{ id: string }>()).results.map(
    (r) => r.id,
  );

async function deliveredWith(queue: CallbackQueue, now: number): Promise<string> {
  const id = await insertNotification({
    serviceId: tenant.serviceId,
    organisationId: tenant.organisationId,
    status: "sending",
    provider: "cm",
  });
  await changeStatusBatch(
    { ...buildServices(env), callbackQueue: queue },
    [{ notificationId: id, next: "delivered", source: "provider" }],
    now,
  ).catch(() => undefined); // the failing queue's error: the status change itself is committed
  return id;
}

describe("the callback outbox", () => {
  it("a failed queue send after the status change leaves the callback in the outbox", async () => {
    const id = await deliveredWith(failingQueue, Date.now());
    expect((await getNotification(id)).status).toBe("delivered");
    expect(await outboxOf(id)).toEqual([`${id}:delivered`]);
  });

  it("the cron queues it again once it has waited long enough, and not before", async () => {
    const now = Date.now();
    const id = await deliveredWith(failingQueue, now);
    const early = recordingQueue();
    await resendOutbox({ ...buildServices(env), callbackQueue: early }, now + 1_000);
    expect(early.sent).not.toContainEqual({ kind: "delivery_status", notificationId: id });
    const late = recordingQueue();
    await resendOutbox({ ...buildServices(env), callbackQueue: late }, now + OUTBOX_RESEND_AFTER_MS + 1_000);
    expect(late.sent).toContainEqual({ kind: "delivery_status", notificationId: id });
  });

  it("the callbacks consumer clears the rows of the messages it receives", async () => {
    const id = await deliveredWith(recordingQueue(), Date.now());
    expect(await outboxOf(id)).toHaveLength(1);
    await runCallbacks([{ kind: "delivery_status", notificationId: id }], {
      ...buildServices(env, { config: { ALLOW_PRIVATE_CALLBACK_URLS: true } }),
    });
    expect(await outboxOf(id)).toEqual([]);
  });

  it("a provider's outcome recorded by the dispatch consumer owes its callback through the outbox too", async () => {
    const id = await insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, claimedAt: Date.now() });
    const outcome = { kind: "rejected", notificationId: id, provider: "cm", billableUnits: 1, reason: "cm_message_303" } as const;
    await recordOutcomes({ ...buildServices(env), callbackQueue: failingQueue }, [outcome], Date.now());
    expect((await getNotification(id)).status).toBe("permanent-failure");
    expect(await outboxOf(id)).toEqual([`${id}:permanent-failure`]);
  });

  it("a change that owes no callback leaves no row", async () => {
    const id = await insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, status: "sending" });
    await changeStatusBatch(
      { ...buildServices(env), callbackQueue: recordingQueue() },
      [{ notificationId: id, next: "pending", source: "provider" }],
      Date.now(),
    );
    expect(await outboxOf(id)).toEqual([]);
  });
});
