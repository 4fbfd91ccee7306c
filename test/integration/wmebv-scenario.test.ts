/**
 * The Wmebv story end to end, with the real CM.com adapter against the CM fake and the test SMTP
 * server: an SMS with a fallback email fails twice (magic 0003), the email fallback is sent; the
 * evidence export of both shows every step with its time and the link; the citizen then texts STOP
 * and the next send is refused.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices, servicesFor } from "../../src/app/build-services";
import { sendFallbacks } from "../../src/scheduled/send-fallbacks";
import { eventually, runDispatch } from "../support/delivery";
import { apiFetch, createTenant, type Tenant, url } from "../support/fixtures";
import { type GateRecorder, recordGate } from "../support/gate-recorder";
import { getNotification } from "../support/notification-factory";
import { mobileEnding, releaseSecondAttempt, runAttempt } from "../support/second-attempt-flow";

interface Evidence {
  notification: {
    status: string;
    attempt: number;
    fallback_notification_id: string | null;
    fallback_of: string | null;
    history: {
      at: string;
      attempt: number;
      from_status: string | null;
      to_status: string;
      source: string;
      provider_status: string | null;
    }[];
  };
}

const INBOUND_NUMBER = "+31 97 010077777";
let tenant: Tenant;
let gate: GateRecorder;
let smsId: string;
let emailId: string;
const phone = mobileEnding("0003");
const address = `wmebv-${crypto.randomUUID().slice(0, 8)}@example.nl`;
const personalisation = { naam: "Amala", code: "1234" };

const evidenceOf = async (id: string) =>
  (await (await apiFetch(`/v2/notifications/${id}/evidence`, tenant.keys.normal)).json()) as Evidence;
const sendSms = () =>
  apiFetch("/v2/notifications/sms", tenant.keys.normal, {
    method: "POST",
    body: {
      phone_number: phone,
      template_id: tenant.smsTemplateId,
      personalisation,
      fallback: { email_address: address, template_id: tenant.emailTemplateId },
    },
  });

beforeAll(async () => {
  tenant = await createTenant({ smsSenders: [{ sms_sender: INBOUND_NUMBER, inbound_number: true }] });
  gate = await recordGate(tenant.organisationId);
  const response = await sendSms();
  expect(response.status).toBe(201);
  smsId = ((await response.json()) as { id: string }).id;
  await runAttempt(gate, smsId, 1);
  await releaseSecondAttempt(smsId);
  await runAttempt(gate, smsId, 2);
  expect(await sendFallbacks(servicesFor(env), Date.now())).toBe(1);
  emailId = (await getNotification(smsId)).fallbackNotificationId as string;
  await eventually(async () => gate.ids.includes(emailId));
  await runDispatch([emailId], buildServices(env, { config: { EMAIL_PROVIDER: "smtp", SMTP_USER: "notifynl", SMTP_PASSWORD: "secret" } }));
});

describe("an undeliverable SMS, proven", () => {
  it("the export shows both attempts, each step with its time, source and CM's code", async () => {
    const { notification } = await evidenceOf(smsId);
    expect(notification).toMatchObject({ status: "temporary-failure", attempt: 2, fallback_notification_id: emailId });
    expect(notification.history.map((h) => [h.attempt, h.from_status, h.to_status, h.source, h.provider_status])).toEqual([
      [1, null, "created", "api", null],
      [1, "created", "sending", "dispatch", null],
      [1, "sending", "temporary-failure", "provider", "3/7"],
      [2, "temporary-failure", "created", "retry", null],
      [2, "created", "sending", "dispatch", null],
      [2, "sending", "temporary-failure", "provider", "3/7"],
      [2, "temporary-failure", "temporary-failure", "fallback", null],
    ]);
    expect(notification.history.at(-1)).toMatchObject({ detail: `Fallback sent as ${emailId}` });
    const times = notification.history.map((h) => Date.parse(h.at));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
  });

  it("the email fallback is sent, and its export names the SMS it stands in for", async () => {
    const { notification } = await evidenceOf(emailId);
    expect(notification).toMatchObject({ status: "sent", fallback_of: smsId });
    expect(notification.history.map((h) => [h.to_status, h.source])).toEqual([
      ["created", "fallback"],
      ["sent", "dispatch"],
    ]);
  });

  it("after the citizen texts STOP, the next SMS to them is refused", async () => {
    const stop = await exports.default.fetch(url(`/callbacks/cm/${env.CM_WEBHOOK_TOKEN}/inbound`), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        reference: crypto.randomUUID(),
        from: { number: phone.replace("+", "00"), name: "" },
        to: { number: INBOUND_NUMBER.replaceAll(" ", "") },
        message: { text: " stop ", media: { mediaUri: "", contentType: "", title: "" }, custom: {} },
        groupings: ["", "messagesApi", ""],
        timeUtc: "2026-12-02T12:00:00",
        channel: "SMS",
      }),
    });
    expect(stop.status).toBe(200);
    const refused = await sendSms();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errors: [{ error: "BadRequestError", message: expect.stringContaining("opted out") }] });
  });
});
