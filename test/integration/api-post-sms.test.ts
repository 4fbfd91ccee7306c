/**
 * POST /v2/notifications/sms (src/api/v2/notifications/post-notification.ts,
 * src/notifications/create-notification.ts): Notify's 201 body, storage and lane, sender choice,
 * validation, template and recipient errors, permissions, team/trial rules, scheduling, fragments.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/delivery";
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
  describe("a valid request", () => {
    let response: Response;
    let body: Record<string, any>;
    beforeAll(async () => {
      response = await post(tenant, smsBody(tenant, { reference: "ref-1" }));
      body = (await response.json()) as Record<string, any>;
    });

    it("is answered 201 with Notify's body", () => {
      expect(response.status).toBe(201);
      expect(body).toEqual({
        id: expect.any(String),
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
    });

    it("stores the notification, recipient normalised", async () => {
      const row = await env.DB.prepare("SELECT * FROM notifications WHERE id = ?").bind(body.id).first<Record<string, unknown>>();
      expect(row).toMatchObject({ status: "created", to: "06-12345678", normalised_to: "+31612345678", billable_units: 1, lane: "normal" });
    });
  });

  it("puts the notification in its lane of the organisation's OrgGate", async () => {
    // Send rate 1/min: the gate's one burst token goes to a first message; the one under test then
    // waits in its lane for about a minute, so the gate's counters can be read exactly.
    const held = await createTenant({ sendRatePerMinute: 1 });
    const gate = env.ORG_GATE.getByName(held.organisationId);
    expect((await post(held, smsBody(held))).status).toBe(201);
    await eventually(async () => (await gate.stats()).dispatched === 1);
    expect((await post(held, smsBody(held))).status).toBe(201);
    expect(await gate.stats()).toEqual({ queued: { priority: 0, normal: 1, bulk: 0 }, dispatched: 1, sendRatePerMinute: 1 });
  });

  it("uses the chosen sms_sender_id", async () => {
    const chosen = await post(tenant, smsBody(tenant, { sms_sender_id: tenant.smsSenderIds[1] }));
    expect(chosen.status).toBe(201);
    expect(((await chosen.json()) as any).content.from_number).toBe("Parkeren");
  });

  it("rejects an sms_sender_id that is not the service's", async () => {
    const foreign = crypto.randomUUID();
    const res = await post(tenant, smsBody(tenant, { sms_sender_id: foreign }));
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual([
      `sms_sender_id ${foreign} does not exist in database for service id ${tenant.serviceId}`,
    ]);
  });

  it.each(["0612345678", "+31 6 1234 5678", "0031612345678", "(06) 12 34 56 78"])(
    "Dutch number format %j normalises to +31",
    async (phone) => {
      const res = await post(tenant, smsBody(tenant, { phone_number: phone }));
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      const row = await env.DB.prepare("SELECT normalised_to FROM notifications WHERE id = ?").bind(id).first<{ normalised_to: string }>();
      expect(row?.normalised_to).toBe("+31612345678");
    },
  );

  it("validation errors list every problem as '<field> <message>'", async () => {
    const before = await countRows("notifications");
    const res = await post(tenant, { template_id: "nope", personalisation: "x", reference: "r".repeat(1001), template: 1 });
    expect(res.status).toBe(400);
    const error = await readError(res);
    expect(error.errors.filter((e) => e.error !== "ValidationError")).toEqual([]);
    expect(error.messages).toEqual(
      expect.arrayContaining([
        "phone_number is a required property",
        "template_id is not a valid UUID",
        "Additional properties are not allowed (template was unexpected)",
        expect.stringMatching(/^personalisation x is not of type object/),
        expect.stringMatching(/^reference .*is too long$/),
      ]),
    );
    expect(await countRows("notifications")).toBe(before);
  });

  it("malformed JSON is 400 with Notify's message, nothing stored", async () => {
    const before = await countRows("notifications");
    const bad = await post(tenant, "{not json");
    expect(bad.status).toBe(400);
    expect(await readError(bad)).toMatchObject({ errors: [{ error: "BadRequestError", message: "Invalid JSON supplied in POST data" }] });
    expect(await countRows("notifications")).toBe(before);
  });

  it("an empty body is 400, nothing stored", async () => {
    const before = await countRows("notifications");
    expect((await post(tenant, "")).status).toBe(400);
    expect(await countRows("notifications")).toBe(before);
  });

  it("an oversized body is 413, nothing stored", async () => {
    const before = await countRows("notifications");
    const huge = await post(tenant, JSON.stringify({ ...smsBody(tenant), reference: "x".repeat(2_000_000) }));
    expect(huge.status).toBe(413);
    expect(await countRows("notifications")).toBe(before);
  });

  it.each([
    ["unknown", () => smsBody(tenant, { template_id: crypto.randomUUID() }), "Template not found"],
    ["another service's", () => smsBody(tenant, { template_id: other.smsTemplateId }), "Template not found"],
    [
      "of the wrong type",
      () => smsBody(tenant, { template_id: tenant.emailTemplateId }),
      "email template is not suitable for sms notification",
    ],
    ["missing one personalisation field", () => smsBody(tenant, { personalisation: { naam: "Jan" } }), "Missing personalisation: code"],
    ["missing every personalisation field", () => smsBody(tenant, { personalisation: {} }), "Missing personalisation: naam, code"],
    [
      "rendering too long",
      () => smsBody(tenant, { personalisation: { naam: "x".repeat(1000), code: "1" } }),
      `Your message is too long. Text messages cannot be longer than 918 characters. Your message is ${"Hallo x, uw code is 1.".length + 999} characters long.`,
    ],
  ])("a template %s is 400 with Notify's message, nothing stored", async (_name, body, message) => {
    const before = await countRows("notifications");
    const res = await post(tenant, body());
    expect(res.status).toBe(400);
    expect(await readError(res)).toMatchObject({ errors: [{ error: "BadRequestError", message }] });
    expect(await countRows("notifications")).toBe(before);
  });

  it.each([
    ["0612", "ValidationError", "phone_number Not enough digits"],
    ["06abcdefgh", "ValidationError", "phone_number Must not contain letters or symbols"],
    ["020-1234567", "InvalidPhoneError", "Not a dutch mobile number"],
    ["+4915112345678", "BadRequestError", "Cannot send to international mobile numbers"],
  ])("recipient %j is 400 %s: %s", async (phone, error, message) => {
    const res = await post(tenant, smsBody(tenant, { phone_number: phone }));
    expect(res.status).toBe(400);
    expect(await readError(res)).toMatchObject({ errors: [{ error, message }] });
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

  it("a team key cannot send to someone outside the team", async () => {
    const teamOnly = await post(tenant, smsBody(tenant), tenant.keys.team);
    expect(teamOnly.status).toBe(400);
    expect(await readError(teamOnly)).toMatchObject({ errors: [{ message: "Can’t send to this recipient using a team-only API key" }] });
  });

  it("a service in trial mode cannot send to someone outside the team", async () => {
    const trial = await post(restricted, smsBody(restricted));
    expect(trial.status).toBe(400);
    expect(await readError(trial)).toMatchObject({
      errors: [
        { message: "Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode" },
      ],
    });
  });

  it.each([
    ["a normal key to a team member", "normal", "0611111111"],
    ["a team key to a team member", "team", "0611111111"],
    ["a test key to anyone", "test", "06-12345678"],
  ] as const)("a service in trial mode may send with %s", async (_name, keyType, phone) => {
    expect((await post(restricted, smsBody(restricted, { phone_number: phone }), restricted.keys[keyType])).status).toBe(201);
  });

  it("smoke-test numbers get a 201 but are never stored", async () => {
    const before = await countRows("notifications");
    const res = await post(tenant, smsBody(tenant, { phone_number: "+3197000000000" }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(await countRows("notifications")).toBe(before);
    expect((await apiFetch(`/v2/notifications/${id}`, tenant.keys.normal)).status).toBe(404);
  });

  it("honours scheduled_for: stored with the time, answered in Notify's format", async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const res = await post(tenant, smsBody(tenant, { scheduled_for: at }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; scheduled_for: string };
    expect(body.scheduled_for).toBe(`${at.slice(0, 23)}000Z`);
    const row = await env.DB.prepare("SELECT scheduled_for FROM notifications WHERE id = ?")
      .bind(body.id)
      .first<{ scheduled_for: number }>();
    expect(row?.scheduled_for).toBe(Date.parse(at));
  });

  it("rejects a scheduled_for in the past", async () => {
    const past = await post(tenant, smsBody(tenant, { scheduled_for: "2020-01-01T10:00:00Z" }));
    expect((await readError(past)).messages).toEqual(["scheduled_for datetime can not be in the past"]);
  });

  it("rejects a scheduled_for more than 168 hours ahead", async () => {
    const far = await post(tenant, smsBody(tenant, { scheduled_for: new Date(Date.now() + 8 * 86_400_000).toISOString() }));
    expect((await readError(far)).messages).toEqual(["scheduled_for datetime can only be 168 hours in the future"]);
  });

  it("rejects a scheduled_for that is not a date", async () => {
    const garbage = await post(tenant, smsBody(tenant, { scheduled_for: "tomorrow" }));
    expect((await readError(garbage)).messages).toEqual([expect.stringMatching(/^scheduled_for datetime format is invalid/)]);
  });

  it("SMS fragments: Dutch ë forces UCS-2", async () => {
    const t = await createTenant({ smsTemplate: { body: "België: ((naam))" } });
    const res = await post(t, { phone_number: "0612345678", template_id: t.smsTemplateId, personalisation: { naam: "x".repeat(70) } });
    const { id } = (await res.json()) as { id: string };
    const row = await env.DB.prepare("SELECT billable_units FROM notifications WHERE id = ?").bind(id).first<{ billable_units: number }>();
    expect(row?.billable_units).toBe(2);
  });
});
