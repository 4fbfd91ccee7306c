/** POST /v2/notifications/email (src/api/v2/notifications/post-notification.ts): body, reply-to, sanitising, validation. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { apiFetch, countRows, createTenant, readError, type Tenant } from "../support/fixtures";

let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  tenant = await createTenant({
    emailFrom: "parkeren@gemeente.example",
    replyTos: [{ email_address: "balie@gemeente.example" }, { email_address: "info@gemeente.example" }],
    emailTemplate: {
      subject: "Vergunning ((kenteken))",
      body: "# Uw vergunning\n\nBeste ((naam)),\n\n* ((kenteken))\n\nZie https://example.nl/a",
    },
  });
  other = await createTenant({ replyTos: [{ email_address: "x@other.example" }] });
});

const post = (t: Tenant, body: unknown, key = t.keys.normal) => apiFetch("/v2/notifications/email", key, { method: "POST", body });
const emailBody = (t: Tenant, extra: Record<string, unknown> = {}) => ({
  email_address: "Jan.Jansen@Example.nl",
  template_id: t.emailTemplateId,
  personalisation: { naam: "Jan", kenteken: "AB-123-C" },
  ...extra,
});

describe("POST /v2/notifications/email", () => {
  it("201 with content and sanitised_content, default reply-to stored", async () => {
    const res = await post(tenant, emailBody(tenant, { reference: "r1", one_click_unsubscribe_url: "https://example.nl/afmelden" }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, any>;
    expect(Object.keys(body).sort()).toEqual(["content", "id", "reference", "sanitised_content", "scheduled_for", "template", "uri"]);
    expect(body.content).toEqual({
      from_email: "parkeren@gemeente.example",
      body: expect.stringContaining("Beste Jan,"),
      subject: "Vergunning AB-123-C",
      one_click_unsubscribe_url: "https://example.nl/afmelden",
    });
    expect(body.sanitised_content).toEqual({});
    const row = await env.DB.prepare("SELECT * FROM notifications WHERE id = ?").bind(body.id).first<Record<string, unknown>>();
    expect(row).toMatchObject({
      to: "Jan.Jansen@Example.nl",
      normalised_to: "jan.jansen@example.nl",
      sender_text: "balie@gemeente.example",
    });
  });

  it("sanitise_content_for escapes markdown in the named values", async () => {
    const res = await post(
      tenant,
      emailBody(tenant, { personalisation: { naam: "*Jan* [x](https://evil.example)", kenteken: "A" }, sanitise_content_for: ["naam"] }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, any>;
    expect(body.sanitised_content.naam.unsanitised).toBe("*Jan* [x](https://evil.example)");
    expect(body.sanitised_content.naam.sanitised).not.toContain("](https://evil.example)");
  });

  it("email_reply_to_id picks a reply-to of the service", async () => {
    const ok = await post(tenant, emailBody(tenant, { email_reply_to_id: tenant.replyToIds[1] }));
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as { id: string };
    const row = await env.DB.prepare("SELECT sender_text FROM notifications WHERE id = ?").bind(id).first<{ sender_text: string }>();
    expect(row?.sender_text).toBe("info@gemeente.example");
  });

  it("email_reply_to_id of another service is refused", async () => {
    const foreign = await post(tenant, emailBody(tenant, { email_reply_to_id: other.replyToIds[0] }));
    expect((await readError(foreign)).messages).toEqual([
      `email_reply_to_id ${other.replyToIds[0]} does not exist in database for service id ${tenant.serviceId}`,
    ]);
  });

  it.each([
    ["a bad address", { email_address: "not-an-address" }, "email_address Not a valid email address"],
    ["an http unsubscribe url", { one_click_unsubscribe_url: "http://example.nl" }, "one_click_unsubscribe_url is not a valid https url"],
    ["sanitise_content_for not a list", { sanitise_content_for: "naam" }, "sanitise_content_for naam is not of type array"],
    ["an unknown field", { phone_number: "0612345678" }, "Additional properties are not allowed (phone_number was unexpected)"],
  ])("rejects %s, storing nothing", async (_name, extra, message) => {
    const before = await countRows("notifications");
    const res = await post(tenant, emailBody(tenant, extra));
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual([message]);
    expect(await countRows("notifications")).toBe(before);
  });

  it("rejects an SMS template, storing nothing", async () => {
    const before = await countRows("notifications");
    const wrongType = await post(tenant, emailBody(tenant, { template_id: tenant.smsTemplateId }));
    expect(wrongType.status).toBe(400);
    expect((await readError(wrongType)).messages).toEqual(["sms template is not suitable for email notification"]);
    expect(await countRows("notifications")).toBe(before);
  });

  it("smoke-test address is answered but never stored", async () => {
    const before = await countRows("notifications");
    const res = await post(tenant, emailBody(tenant, { email_address: "simulate-delivered@notifynl.nl" }));
    expect(res.status).toBe(201);
    expect(await countRows("notifications")).toBe(before);
  });
});
