/**
 * Webhooks in (src/webhooks/): a CM.com delivery report changes only an SMS that was handed to
 * CM.com (or is being handed: claimed by a dispatch consumer), never a scheduled, unsent or email
 * notification, nor one another provider sent; an inbound SMS that CM.com sends again is stored once;
 * the webhook token never reaches a log line.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { handleFetch } from "../../src/app/fetch-handler";
import { loadConfig } from "../../src/config";
import { loggablePath } from "../../src/http/error-response";
import { cmReference } from "../../src/providers/sms/cm-types";
import { expectContained } from "../support/contained";
import { createTenant, type Tenant, url } from "../support/fixtures";
import { getNotification, insertNotification, type NotificationSeed } from "../support/notification-factory";

let tenant: Tenant;
let inbound: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
  inbound = await createTenant({ smsSenders: [{ sms_sender: "+31 97 010099887", inbound_number: true }] });
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
    const answer = await expectContained(
      async () => new Response(null, { status: await report(id) }),
      async () => new Response(null, { status: await report(crypto.randomUUID()) }),
    );
    expect(answer.status).toBe(200);
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

describe("inbound SMS retried by CM.com", () => {
  const mo = (reference: string) =>
    JSON.stringify({
      reference,
      from: { number: "+31612345678", name: "" },
      to: { number: "003197010099887" },
      message: { text: "Ja, ik kom", media: { mediaUri: "", contentType: "", title: "" }, custom: {} },
      groupings: ["", "messagesApi", ""],
      timeUtc: "2026-11-28T12:00:00",
      channel: "SMS",
    });

  it("the same message (same CM reference) twice is stored once, and both get a 200", async () => {
    const reference = crypto.randomUUID();
    for (let i = 0; i < 2; i++) {
      const response = await exports.default.fetch(url(`/callbacks/cm/${env.CM_WEBHOOK_TOKEN}/inbound`), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: mo(reference),
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM received_texts WHERE service_id = ? AND provider_reference = ?")
      .bind(inbound.serviceId, reference)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });
});

describe("secret tokens in logged paths", () => {
  it.each([
    [`/callbacks/cm/s3cr3t-token/status`, "/callbacks/cm/<token>/status"],
    ["/uitnodiging/s3cr3t-invitation", "/uitnodiging/<token>"],
    ["/wachtwoord-herstellen/s3cr3t-reset", "/wachtwoord-herstellen/<token>"],
    ["/v2/notifications", "/v2/notifications"],
    ["/diensten/abc/sjablonen", "/diensten/abc/sjablonen"],
  ])("%s is logged as %s", (path, logged) => {
    expect(loggablePath(path)).toBe(logged);
  });
});

describe("the optional CM.com source allow-list", () => {
  const guarded: Env = { ...env, CM_WEBHOOK_ALLOWED_IPS: "203.0.113.0/24, 2001:db8:c0::/48" };
  const from = (ip: string) =>
    handleFetch(
      new Request(url(`/callbacks/cm/${env.CM_WEBHOOK_TOKEN}/status?reference=${"0".repeat(32)}&status=2`), {
        headers: { "cf-connecting-ip": ip },
      }),
      guarded,
    );

  it.each(["203.0.113.7", "2001:db8:c0::1"])("a report from %s (inside the list) is read", async (ip) => {
    expect((await from(ip)).status).toBe(200);
  });

  it.each(["198.51.100.7", "2001:db8:beef::1", ""])("a report from %j is a 404, like a wrong token", async (ip) => {
    expect((await from(ip)).status).toBe(404);
  });

  it("a list entry that is not an address or range fails the configuration", () => {
    expect(() => loadConfig({ ...env, CM_WEBHOOK_ALLOWED_IPS: "203.0.113.0/33" })).toThrow(/CM_WEBHOOK_ALLOWED_IPS/);
  });
});
