import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { apiFetch, countRows, createTenant, readError, type Tenant } from "../support/fixtures";

let tenant: Tenant;
let restricted: Tenant;
let other: Tenant;

beforeAll(async () => {
  tenant = await createTenant({ smsSenders: [{ sms_sender: "Gemeente" }, { sms_sender: "Parkeren" }] });
  restricted = await createTenant({ restricted: true, teamMembers: [{ phone_number: "06 11111111" }] });
  other = await createTenant();
});

const post = (t: Tenant, body: unknown, key = t.keys.normal) => apiFetch("/v2/notifications/sms", key, { method: "POST", body });
const smsBody = (t: Tenant, extra: Record<string, unknown> = {}) => ({
  phone_number: "06-12345678",
  template_id: t.smsTemplateId,
  personalisation: { naam: "Jan", code: "1234" },
  ...extra,
});

describe("POST /v2/notifications/sms", () => {
  it("201 with Notify's body, stores the notification and queues it in its lane", async () => {
    const response = await post(tenant, smsBody(tenant, { reference: "ref-1" }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, any>;
    expect(Object.keys(body).sort()).toEqual(["content", "id", "reference", "scheduled_for", "template", "uri"]);
    expect(body).toMatchObject({
      reference: "ref-1",
      uri: `http://notifynl.test/v2/notifications/${body.id}`,
      template: {
        id: tenant.smsTemplateId,
        version: 1,
        uri: `http://notifynl.test/services/${tenant.serviceId}/templates/${tenant.smsTemplateId}`,
      },
      scheduled_for: null,
      content: { body: "Hallo Jan, uw code is 1234.", from_number: "Gemeente" },
    });
    const row = await env.DB.prepare("SELECT * FROM notifications WHERE id = ?").bind(body.id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ status: "created", to: "06-12345678", normalised_to: "+31612345678", billable_units: 1, lane: "normal" });
    const stats = await env.ORG_GATE.getByName(tenant.organisationId).stats();
    expect(stats.queued.normal + stats.dispatched).toBeGreaterThanOrEqual(1);
  });

  it("uses the chosen sms_sender_id, and rejects one of another service", async () => {
    const chosen = await post(tenant, smsBody(tenant, { sms_sender_id: tenant.smsSenderIds[1] }));
    expect(((await chosen.json()) as any).content.from_number).toBe("Parkeren");
    const foreign = crypto.randomUUID();
    const res = await post(tenant, smsBody(tenant, { sms_sender_id: foreign }));
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual([
      `sms_sender_id ${foreign} does not exist in database for service id ${tenant.serviceId}`,
    ]);
  });

  it("Dutch number formats all normalise to +31", async () => {
    for (const phone of ["0612345678", "+31 6 1234 5678", "0031612345678", "(06) 12 34 56 78"]) {
      const res = await post(tenant, smsBody(tenant, { phone_number: phone }));
      expect(res.status, phone).toBe(201);
    }
  });

  it("validation errors list every problem as '<field> <message>'", async () => {
    const before = await countRows("notifications");
    const res = await post(tenant, { template_id: "nope", personalisation: "x", reference: "r".repeat(1001), template: 1 });
    expect(res.status).toBe(400);
    const error = await readError(res);
    expect(error.errors.every((e) => e.error === "ValidationError")).toBe(true);
    expect(error.messages).toEqual(
      expect.arrayContaining([
        "phone_number is a required property",
        "template_id is not a valid UUID",
        "Additional properties are not allowed (template was unexpected)",
      ]),
    );
    expect(error.messages.some((m) => m.startsWith("personalisation x is not of type object"))).toBe(true);
    expect(error.messages.some((m) => m.startsWith("reference ") && m.endsWith("is too long"))).toBe(true);
    expect(await countRows("notifications")).toBe(before);
  });

  it("malformed JSON, empty body and oversized bodies", async () => {
    const before = await countRows("notifications");
    const bad = await post(tenant, "{not json");
    expect(bad.status).toBe(400);
    expect(await readError(bad)).toMatchObject({ errors: [{ error: "BadRequestError", message: "Invalid JSON supplied in POST data" }] });
    expect((await post(tenant, "")).status).toBe(400);
    const huge = await post(tenant, JSON.stringify({ ...smsBody(tenant), reference: "x".repeat(2_000_000) }));
    expect(huge.status).toBe(413);
    expect(await countRows("notifications")).toBe(before);
  });

  it("template problems: unknown, another service's, wrong type, missing personalisation, too long", async () => {
    const cases: [unknown, string][] = [
      [smsBody(tenant, { template_id: crypto.randomUUID() }), "Template not found"],
      [smsBody(tenant, { template_id: other.smsTemplateId }), "Template not found"],
      [smsBody(tenant, { template_id: tenant.emailTemplateId }), "email template is not suitable for sms notification"],
      [smsBody(tenant, { personalisation: { naam: "Jan" } }), "Missing personalisation: code"],
      [smsBody(tenant, { personalisation: {} }), "Missing personalisation: naam, code"],
      [
        smsBody(tenant, { personalisation: { naam: "x".repeat(1000), code: "1" } }),
        `Your message is too long. Text messages cannot be longer than 918 characters. Your message is ${"Hallo x, uw code is 1.".length + 999} characters long.`,
      ],
    ];
    const before = await countRows("notifications");
    for (const [body, message] of cases) {
      const res = await post(tenant, body);
      expect(res.status, message).toBe(400);
      expect(await readError(res)).toMatchObject({ errors: [{ error: "BadRequestError", message }] });
    }
    expect(await countRows("notifications")).toBe(before);
  });

  it("recipient problems with Notify's and NotifyNL's messages", async () => {
    const cases: [string, string, string][] = [
      ["0612", "ValidationError", "phone_number Not enough digits"],
      ["06abcdefgh", "ValidationError", "phone_number Must not contain letters or symbols"],
      ["020-1234567", "InvalidPhoneError", "Not a dutch mobile number"],
      ["+4915112345678", "BadRequestError", "Cannot send to international mobile numbers"],
    ];
    for (const [phone, error, message] of cases) {
      const res = await post(tenant, smsBody(tenant, { phone_number: phone }));
      expect(res.status, phone).toBe(400);
      expect(await readError(res), phone).toMatchObject({ errors: [{ error, message }] });
    }
  });

  it("international numbers with the international_sms permission", async () => {
    const t = await createTenant({ permissions: ["sms", "email", "international_sms"] });
    const res = await post(t, smsBody(t, { phone_number: "+4915112345678" }));
    expect(res.status).toBe(201);
  });

  it("a service without the sms permission cannot send texts", async () => {
    const t = await createTenant({ permissions: ["email"] });
    const res = await post(t, smsBody(t));
    expect(await readError(res)).toMatchObject({
      errors: [{ error: "BadRequestError", message: "Service is not allowed to send text messages" }],
    });
  });

  it("team keys and trial mode only reach team members; test keys reach anyone", async () => {
    const teamOnly = await post(tenant, smsBody(tenant), tenant.keys.team);
    expect(await readError(teamOnly)).toMatchObject({ errors: [{ message: "Can’t send to this recipient using a team-only API key" }] });
    const trial = await post(restricted, smsBody(restricted));
    expect(await readError(trial)).toMatchObject({
      errors: [
        { message: "Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode" },
      ],
    });
    expect((await post(restricted, smsBody(restricted, { phone_number: "0611111111" }))).status).toBe(201);
    expect((await post(restricted, smsBody(restricted, { phone_number: "0611111111" }), restricted.keys.team)).status).toBe(201);
    expect((await post(restricted, smsBody(restricted), restricted.keys.test)).status).toBe(201);
  });

  it("smoke-test numbers get a 201 but are never stored", async () => {
    const before = await countRows("notifications");
    const res = await post(tenant, smsBody(tenant, { phone_number: "+3197000000000" }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(await countRows("notifications")).toBe(before);
    expect((await apiFetch(`/v2/notifications/${id}`, tenant.keys.normal)).status).toBe(404);
  });

  it("honours scheduled_for (stored, not queued) and rejects past or too-far times", async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const res = await post(tenant, smsBody(tenant, { scheduled_for: at }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; scheduled_for: string };
    expect(body.scheduled_for).toBe(`${at.slice(0, 23)}000Z`);
    const past = await post(tenant, smsBody(tenant, { scheduled_for: "2020-01-01T10:00:00Z" }));
    expect((await readError(past)).messages).toEqual(["scheduled_for datetime can not be in the past"]);
    const far = await post(tenant, smsBody(tenant, { scheduled_for: new Date(Date.now() + 8 * 86_400_000).toISOString() }));
    expect((await readError(far)).messages).toEqual(["scheduled_for datetime can only be 168 hours in the future"]);
    const garbage = await post(tenant, smsBody(tenant, { scheduled_for: "tomorrow" }));
    expect((await readError(garbage)).messages[0]).toMatch(/^scheduled_for datetime format is invalid/);
  });

  it("SMS fragments: Dutch ë forces UCS-2", async () => {
    const t = await createTenant({ smsTemplate: { body: "België: ((naam))" } });
    const res = await post(t, { phone_number: "0612345678", template_id: t.smsTemplateId, personalisation: { naam: "x".repeat(70) } });
    const { id } = (await res.json()) as { id: string };
    const row = await env.DB.prepare("SELECT billable_units FROM notifications WHERE id = ?").bind(id).first<{ billable_units: number }>();
    expect(row?.billable_units).toBe(2);
  });
});
