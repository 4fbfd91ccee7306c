/**
 * The fallback channel (extension; src/api/v2/notifications/notification-schemas.ts,
 * post-notification.ts, src/notifications/fallback-request.ts, fallback-row.ts,
 * src/scheduled/send-fallbacks.ts, src/service-callbacks/payloads.ts): an SMS that fails for good
 * (after its second attempt, against the CM.com fake) is followed by an email to the fallback
 * address, which the SMTP server receives; both are linked. Bad fallback input is a 400 that stores
 * nothing, and a Notify request without `fallback` is unchanged.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices, servicesFor } from "../../src/app/build-services";
import { sendFallbacks } from "../../src/scheduled/send-fallbacks";
import { callbacksSettled, eventually, received, runDispatch } from "../support/delivery";
import { adminJson, apiFetch, countRows, createTenant, type Tenant } from "../support/fixtures";
import { type GateRecorder, recordGate } from "../support/gate-recorder";
import { getNotification, insertNotification } from "../support/notification-factory";
import { mobileEnding, releaseSecondAttempt, runAttempt } from "../support/second-attempt-flow";

let tenant: Tenant;
let gate: GateRecorder;
let hook: string;

beforeAll(async () => {
  hook = `/svc-fallback-${crypto.randomUUID().slice(0, 8)}`;
  tenant = await createTenant({
    deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: "callback-bearer-0123456789" },
  });
  gate = await recordGate(tenant.organisationId);
});

const personalisation = { naam: "Amala", code: "1234" };
const smtpDeps = () => buildServices(env, { config: { EMAIL_PROVIDER: "smtp", SMTP_USER: "notifynl", SMTP_PASSWORD: "secret" } });

const postSms = (body: Record<string, unknown>) =>
  apiFetch("/v2/notifications/sms", tenant.keys.normal, {
    method: "POST",
    body: { phone_number: mobileEnding("0011"), template_id: tenant.smsTemplateId, personalisation, ...body },
  });

describe("an SMS that fails twice (magic 0003) with a fallback email address", () => {
  const address = `fallback-${crypto.randomUUID().slice(0, 8)}@example.nl`;
  let id: string;
  let fallbackId: string;
  let mails: { to: string[]; raw: string }[];

  beforeAll(async () => {
    const response = await postSms({
      phone_number: mobileEnding("0003"),
      fallback: { email_address: address, template_id: tenant.emailTemplateId },
    });
    expect(response.status).toBe(201);
    id = ((await response.json()) as { id: string }).id;
    await runAttempt(gate, id, 1);
    expect(await sendFallbacks(servicesFor(env), Date.now())).toBe(0); // the first failure is retried, not final
    await releaseSecondAttempt(id);
    await runAttempt(gate, id, 2);
    expect(await sendFallbacks(servicesFor(env), Date.now())).toBe(1);
    fallbackId = (await getNotification(id)).fallbackNotificationId as string;
    await eventually(async () => gate.ids.includes(fallbackId));
    await runDispatch([fallbackId], smtpDeps());
    mails = await eventually(async () => {
      const all = (await (await fetch(`${env.TEST_SUPPORT_URL}/mails`)).json()) as { to: string[]; raw: string }[];
      const found = all.filter((m) => m.to.includes(address));
      return found.length > 0 ? found : undefined;
    });
  });

  it("the SMS ends temporary-failure after attempt 2, linked to its fallback", async () => {
    expect(await getNotification(id)).toMatchObject({ status: "temporary-failure", attempt: 2, fallbackNotificationId: fallbackId });
  });

  it("the fallback is an email from the fallback template to the fallback address, sent, linked back", async () => {
    expect(await getNotification(fallbackId)).toMatchObject({
      notificationType: "email",
      templateId: tenant.emailTemplateId,
      to: address,
      subject: "Bericht voor Amala",
      status: "sent",
      fallbackOf: id,
      statusSource: "dispatch",
    });
    expect(mails).toHaveLength(1);
  });

  it("a second run of the cron makes no second fallback", async () => {
    expect(await sendFallbacks(servicesFor(env), Date.now())).toBe(0);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE fallback_of = ?").bind(id).first("n")).toBe(1);
  });

  it("the callbacks carry the links: the SMS's final status names its fallback, the fallback's its original", async () => {
    await callbacksSettled(hook, () =>
      insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, status: "delivered" }),
    );
    const bodies = (await received(hook)).map((c) => c.body as Record<string, unknown>);
    expect(bodies.filter((b) => b.id === fallbackId)).toEqual([expect.objectContaining({ status: "sent", fallback_of: id })]);
    const sms = bodies.filter((b) => b.id === id);
    expect(sms.map((b) => b.status)).toEqual(["temporary-failure"]);
    // The SMS's callback was sent when it failed, before its fallback existed: no link yet, and no null field either.
    expect(Object.keys(sms[0] ?? {})).not.toContain("fallback_of");
  });
});

describe("no fallback", () => {
  it("for a delivered SMS", async () => {
    const response = await postSms({ fallback: { email_address: "burger@example.nl", template_id: tenant.emailTemplateId } });
    const { id } = (await response.json()) as { id: string };
    await runAttempt(gate, id, 1);
    expect(await sendFallbacks(servicesFor(env), Date.now())).toBe(0);
    expect(await getNotification(id)).toMatchObject({ status: "delivered", fallbackNotificationId: null });
  });

  it("a Notify request without `fallback` behaves as before: 201 with Notify's body, no fallback stored", async () => {
    const response = await postSms({});
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["content", "id", "reference", "scheduled_for", "template", "uri"]);
    expect(await getNotification(body.id as string)).toMatchObject({ fallbackTo: null, fallbackTemplateId: null, personalisation });
  });
});

describe("bad fallback input is a 400 that stores nothing", () => {
  const cases: [string, () => Record<string, unknown>, string][] = [
    [
      "an invalid email address",
      () => ({ email_address: "not-an-address", template_id: tenant.emailTemplateId }),
      "fallback: email_address",
    ],
    [
      "an unknown template",
      () => ({ email_address: "burger@example.nl", template_id: crypto.randomUUID() }),
      "fallback: Template not found",
    ],
    [
      "a template of the same channel",
      () => ({ email_address: "burger@example.nl", template_id: tenant.smsTemplateId }),
      "fallback: sms template is not suitable for email notification",
    ],
    ["a phone number instead of an address", () => ({ phone_number: "0612345678", template_id: tenant.emailTemplateId }), "fallback"],
  ];
  it.each(cases)("%s", async (_name, fallback, message) => {
    const before = await countRows("notifications");
    const response = await postSms({ fallback: fallback() });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors.map((e) => e.message).join("; ")).toContain(message);
    expect(await countRows("notifications")).toBe(before);
  });

  it("a template of another service", async () => {
    const other = await createTenant();
    const response = await postSms({ fallback: { email_address: "burger@example.nl", template_id: other.emailTemplateId } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("fallback: Template not found");
  });

  it("an archived template", async () => {
    const archived = await adminJson<{ id: string }>("POST", `/admin/v1/services/${tenant.serviceId}/templates`, {
      name: "Archived email",
      type: "email",
      subject: "Onderwerp",
      body: "Tekst",
    });
    await adminJson("PATCH", `/admin/v1/services/${tenant.serviceId}/templates/${archived.id}`, { archived: true }, 200);
    const response = await postSms({ fallback: { email_address: "burger@example.nl", template_id: archived.id } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("fallback: Template has been deleted");
  });

  it("personalisation that does not cover the fallback template", async () => {
    const needy = await adminJson<{ id: string }>("POST", `/admin/v1/services/${tenant.serviceId}/templates`, {
      name: "Needs dossier",
      type: "email",
      subject: "Dossier ((dossier))",
      body: "Tekst",
    });
    const response = await postSms({ fallback: { email_address: "burger@example.nl", template_id: needy.id } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("fallback: Missing personalisation: dossier");
  });
});
