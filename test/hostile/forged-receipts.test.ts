/**
 * src/webhooks/cm-report.ts → src/notifications/process-receipt.ts → statuses.ts: a CM.com delivery
 * report changes only an SMS that was handed to CM.com (or is being handed: claimed by a dispatch
 * consumer), never a scheduled, unsent or email notification, nor one another provider sent.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cmReference } from "../../src/providers/sms/cm-types";
import { createTenant, type Tenant, url } from "../support/fixtures";
import { getNotification, insertNotification, type NotificationSeed } from "../support/notification-factory";

let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
});

async function report(notificationId: string, code = "2"): Promise<number> {
  const response = await exports.default.fetch(url(`/callbacks/cm/${env.CM_WEBHOOK_TOKEN}/status`), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ messages: { msg: { reference: cmReference(notificationId), status: { code, errorCode: "" } } } }),
  });
  await response.arrayBuffer();
  return response.status;
}

const notification = (seed: Partial<NotificationSeed>, provider: string | null = null) =>
  insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, provider, ...seed });

describe("forged CM.com delivery reports", () => {
  it.each([
    ["a scheduled SMS", { status: "created", scheduledFor: Date.now() + 86_400_000 }, null],
    ["an SMS not yet claimed for sending", { status: "created" }, null],
    ["an email handed to SMTP", { type: "email", to: "jan@example.nl", status: "sending" }, "smtp"],
    ["an email not yet sent", { type: "email", to: "jan@example.nl", status: "created", claimedAt: Date.now() }, null],
    ["an SMS the simulator sent", { status: "sending" }, "simulator"],
  ] as const)("a report for %s changes nothing (answered 200)", async (_name, seed, provider) => {
    const id = await notification(seed, provider);
    expect(await report(id)).toBe(200);
    expect((await getNotification(id)).status).toBe(seed.status);
  });

  it("a report for an SMS handed to CM.com applies", async () => {
    const id = await notification({ status: "sending" }, "cm");
    expect(await report(id)).toBe(200);
    expect((await getNotification(id)).status).toBe("delivered");
  });

  it("a report that overtakes the hand-off write applies to the claimed row", async () => {
    const id = await notification({ status: "created", claimedAt: Date.now() });
    expect(await report(id)).toBe(200);
    expect((await getNotification(id)).status).toBe("delivered");
  });
});
