/**
 * The official GOV.UK Notify Node client, unchanged, against a locally started server (wrangler dev):
 * every call an integrator makes, with the responses checked against Notify's wire formats.
 */
import { NotifyClient } from "notifications-node-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer } from "../../scripts/lib/local-server.mjs";

let server: Awaited<ReturnType<typeof startLocalServer>>;
let client: InstanceType<typeof NotifyClient>;
const ids: Record<string, string> = {};

async function admin<T = Record<string, string>>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.secrets.ADMIN_TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

beforeAll(async () => {
  server = await startLocalServer();
  const org = await admin("POST", "/admin/v1/organisations", { name: "Gemeente E2E" });
  const service = await admin("POST", "/admin/v1/services", { organisation_id: org.id, name: "Vergunningen", restricted: false });
  ids.service = service.id;
  const key = await admin("POST", `/admin/v1/services/${service.id}/api-keys`, { name: "e2e live", key_type: "normal" });
  ids.sms = (
    await admin("POST", `/admin/v1/services/${service.id}/templates`, { name: "sms", type: "sms", body: "Beste ((naam)), code ((code))" })
  ).id;
  ids.email = (
    await admin("POST", `/admin/v1/services/${service.id}/templates`, {
      name: "email",
      type: "email",
      subject: "Vergunning ((kenteken))",
      body: "Beste ((naam)),\n\nUw vergunning is verlengd.",
    })
  ).id;
  await admin("PUT", `/admin/v1/services/${service.id}/templates/${ids.sms}`, { body: "Beste ((naam)), uw code is ((code))." });
  ids.replyTo = (await admin("POST", `/admin/v1/services/${service.id}/email-reply-to`, { email_address: "balie@gemeente.example" })).id;
  ids.sender = (
    await admin("POST", `/admin/v1/services/${service.id}/sms-senders`, { sms_sender: "3197010203040", inbound_number: true })
  ).id;
  client = new NotifyClient(server.url, key.key);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("notifications-node-client against NotifyNL Edge", () => {
  it("sendSms with reference and smsSenderId", async () => {
    const { data } = await client.sendSms(ids.sms, "0612345678", {
      personalisation: { naam: "Jan", code: "42" },
      reference: "e2e-sms",
      smsSenderId: ids.sender,
    });
    expect(data).toMatchObject({
      reference: "e2e-sms",
      template: { id: ids.sms, version: 2 },
      scheduled_for: null,
      content: { body: "Beste Jan, uw code is 42.", from_number: "3197010203040" },
    });
    expect(data.uri).toBe(`${server.url}/v2/notifications/${data.id}`);
    ids.smsNotification = data.id;
  });

  it("sendEmail with reference, emailReplyToId, oneClickUnsubscribeURL and sanitiseContentFor", async () => {
    const { data } = await client.sendEmail(ids.email, "burger@example.nl", {
      personalisation: { naam: "[Jan](https://evil.example)", kenteken: "AB-12-CD" },
      reference: "e2e-email",
      emailReplyToId: ids.replyTo,
      oneClickUnsubscribeURL: "https://gemeente.example/afmelden",
      sanitiseContentFor: ["naam"],
    });
    expect(data.content).toMatchObject({ subject: "Vergunning AB-12-CD", one_click_unsubscribe_url: "https://gemeente.example/afmelden" });
    expect(data.sanitised_content.naam.unsanitised).toBe("[Jan](https://evil.example)");
    ids.emailNotification = data.id;
  });

  it("getNotificationById returns Notify's full key set", async () => {
    const { data } = await client.getNotificationById(ids.smsNotification);
    expect(data).toMatchObject({
      id: ids.smsNotification,
      type: "sms",
      reference: "e2e-sms",
      phone_number: "0612345678",
      line_1: null,
      postage: null,
    });
    expect(data.created_at).toMatch(TIMESTAMP);
    expect(data).toHaveProperty("cost_details");
  });

  it("getNotifications with filters and paging links", async () => {
    const { data } = await client.getNotifications("sms", undefined, "e2e-sms");
    expect(data.notifications.map((n: { id: string }) => n.id)).toEqual([ids.smsNotification]);
    expect(data.links.next).toContain(`older_than=${ids.smsNotification}`);
    const all = await client.getNotifications();
    expect(all.data.notifications.length).toBe(2);
  });

  it("getTemplateById, getTemplateByIdAndVersion, getAllTemplates(type)", async () => {
    const current = await client.getTemplateById(ids.sms);
    expect(current.data).toMatchObject({
      id: ids.sms,
      version: 2,
      type: "sms",
      personalisation: { naam: { required: true }, code: { required: true } },
    });
    const v1 = await client.getTemplateByIdAndVersion(ids.sms, 1);
    expect(v1.data.body).toBe("Beste ((naam)), code ((code))");
    const email = await client.getAllTemplates("email");
    expect(email.data.templates.map((t: { id: string }) => t.id)).toEqual([ids.email]);
  });

  it("previewTemplateById", async () => {
    const { data } = await client.previewTemplateById(ids.email, { naam: "Jan", kenteken: "X" });
    expect(data).toMatchObject({ id: ids.email, type: "email", subject: "Vergunning X" });
    expect(data.html).toContain("Uw vergunning is verlengd.");
  });

  it("errors come back as Notify error bodies", async () => {
    const error = await client
      .sendSms(ids.sms, "0612345678", { personalisation: {} })
      .catch((e: { response: { status: number; data: unknown } }) => e.response);
    expect(error.status).toBe(400);
    expect(error.data).toEqual({
      status_code: 400,
      errors: [{ error: "BadRequestError", message: "Missing personalisation: naam, code" }],
    });
  });

  it("getReceivedTexts after an inbound SMS from CM.com", async () => {
    const inbound = await fetch(`${server.url}/callbacks/cm/${server.secrets.CM_WEBHOOK_TOKEN}/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        reference: crypto.randomUUID(),
        from: { number: "+31612345678", name: "" },
        to: { number: "3197010203040" },
        message: { text: "Ja, graag", media: { mediaUri: "", contentType: "", title: "" }, custom: {} },
        groupings: ["", "", ""],
        timeUtc: new Date().toISOString().slice(0, 19),
        channel: "SMS",
      }),
    });
    expect(inbound.status).toBe(200);
    const { data } = await client.getReceivedTexts();
    expect(data.received_text_messages).toHaveLength(1);
    expect(data.received_text_messages[0]).toMatchObject({ service_id: ids.service, content: "Ja, graag" });
    expect(data.received_text_messages[0].created_at).toMatch(TIMESTAMP);
  });
});
