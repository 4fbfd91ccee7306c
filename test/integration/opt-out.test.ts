/**
 * Opting out by text message (src/webhooks/opt-out-keywords.ts, inbound-opt-out.ts,
 * receive-inbound.ts) and sends to opted-out recipients (src/notifications/opt-outs.ts,
 * post-notification.ts, src/jobs/validate-rows.ts): a STOP to a service's inbound number refuses
 * that service's next send to the number, START allows it again, and the text is still a received
 * text with its callback.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually, received } from "../support/delivery";
import { apiFetch, countRows, createTenant, readError, type Tenant, url } from "../support/fixtures";

const TOKEN = env.CM_WEBHOOK_TOKEN;
const OPTED_OUT = "The recipient has opted out of messages from this service (STOP)";
let tenant: Tenant;
let other: Tenant;
let hook: string;
let counter = 0;

beforeAll(async () => {
  hook = `/opt-out-${crypto.randomUUID().slice(0, 8)}`;
  tenant = await createTenant({
    smsSenders: [{ sms_sender: "+31 97 010054321", inbound_number: true }],
    inboundSmsCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: "inbound-bearer-0123456789" },
  });
  other = await createTenant({ smsSenders: [{ sms_sender: "3670", inbound_number: true }] });
});

/** A Dutch mobile number no other test uses, in E.164. */
function freshNumber(): string {
  counter += 1;
  return `+316${String(30_000_000 + counter * 7919 + Math.floor(Math.random() * 7000))}`;
}

/** CM.com's inbound JSON for a text from `from` to `to`; `reference` repeats for a CM retry. */
async function inbound(to: string, from: string, text: string, reference: string = crypto.randomUUID()): Promise<Response> {
  const body = JSON.stringify({
    reference,
    from: { number: from, name: "" },
    to: { number: to },
    message: { text, media: { mediaUri: "", contentType: "", title: "" }, custom: {} },
    groupings: ["", "messagesApi", ""],
    timeUtc: "2026-11-28T12:00:00",
    channel: "SMS",
  });
  const response = await exports.default.fetch(url(`/callbacks/cm/${TOKEN}/inbound`), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  expect(response.status).toBe(200);
  return response;
}

const toTenant = (from: string, text: string, reference?: string) => inbound("003197010054321", from, text, reference);

function sendSms(t: Tenant, phoneNumber: string, key = t.keys.normal): Promise<Response> {
  return apiFetch("/v2/notifications/sms", key, {
    method: "POST",
    body: { phone_number: phoneNumber, template_id: t.smsTemplateId, personalisation: { naam: "Jan", code: "1" } },
  });
}

async function expectOptedOut(response: Response): Promise<void> {
  expect(response.status).toBe(400);
  expect((await readError(response)).errors).toEqual([{ error: "BadRequestError", message: OPTED_OUT }]);
}

async function suppressionRows(serviceId: string, recipient: string): Promise<{ id: string; source: string }[]> {
  const rows = await env.DB.prepare("SELECT id, source FROM suppressions WHERE service_id = ? AND channel = 'sms' AND recipient = ?")
    .bind(serviceId, recipient)
    .all<{ id: string; source: string }>();
  return rows.results;
}

describe("a STOP to a service's inbound number", () => {
  it.each(["STOP", "stop", "  Stop \n", "AFMELDEN", "afmelden ", "Uitschrijven", "\tSTOPPEN"])(
    "%j refuses the next send to the number with a 400 and stores nothing",
    async (text) => {
      const number = freshNumber();
      await toTenant(number, text);
      const before = await countRows("notifications");
      await expectOptedOut(await sendSms(tenant, number));
      expect(await countRows("notifications")).toBe(before);
    },
  );

  it("refuses the number in any spelling the API accepts", async () => {
    const number = freshNumber();
    await toTenant(`00${number.slice(1)}`, "STOP");
    await expectOptedOut(await sendSms(tenant, `0${number.slice(3, 4)}-${number.slice(4)}`));
  });

  it("is still stored as a received text, with the inbound callback", async () => {
    const number = freshNumber();
    const response = await toTenant(number, "STOP");
    expect(await response.json()).toEqual({ result: "ok", stored: true });
    const callback = await eventually(async () =>
      (await received(hook)).find((c) => (c.body as { source_number?: string }).source_number === number.slice(1)),
    );
    expect(callback.body).toMatchObject({ message: "STOP", destination_number: "3197010054321" });
  });

  it("is idempotent: a second STOP keeps one suppression and one audit row", async () => {
    const number = freshNumber();
    await toTenant(number, "STOP");
    await toTenant(number, "stop");
    const rows = await suppressionRows(tenant.serviceId, number);
    expect(rows).toEqual([{ id: expect.any(String), source: "inbound" }]);
    const audit = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ?").bind(rows[0]?.id).first<{ n: number }>();
    expect(audit?.n).toBe(1);
  });

  it("does not refuse the number for another service", async () => {
    const number = freshNumber();
    await toTenant(number, "STOP");
    expect((await sendSms(other, number)).status).toBe(201);
  });

  it("to another service's number does not refuse this service's sends", async () => {
    const number = freshNumber();
    await inbound("3670", number, "STOP");
    await expectOptedOut(await sendSms(other, number));
    expect((await sendSms(tenant, number)).status).toBe(201);
  });

  it("costs nothing of the daily limit: refused sends leave the allowance for others", async () => {
    const limited = await createTenant({ smsDailyLimit: 2, smsSenders: [{ sms_sender: "3671", inbound_number: true }] });
    const number = freshNumber();
    await inbound("3671", number, "STOP");
    for (let i = 0; i < 3; i++) await expectOptedOut(await sendSms(limited, number));
    for (let i = 0; i < 2; i++) expect((await sendSms(limited, freshNumber())).status).toBe(201);
  });
});

describe("texts that are not a STOP", () => {
  it.each(["STOP please", "stopp", "S T O P", "STOP.", "stop stop", "Ik wil STOP"])("%j does not opt out", async (text) => {
    const number = freshNumber();
    await toTenant(number, text);
    expect(await suppressionRows(tenant.serviceId, number)).toEqual([]);
    expect((await sendSms(tenant, number)).status).toBe(201);
  });
});

describe("START after a STOP", () => {
  it.each(["START", " aanmelden "])("%j allows sends to the number again", async (text) => {
    const number = freshNumber();
    await toTenant(number, "STOP");
    await toTenant(number, text);
    expect(await suppressionRows(tenant.serviceId, number)).toEqual([]);
    expect((await sendSms(tenant, number)).status).toBe(201);
  });

  it("is not undone by CM retrying the earlier STOP", async () => {
    const number = freshNumber();
    const reference = crypto.randomUUID();
    await toTenant(number, "STOP", reference);
    await toTenant(number, "START");
    await toTenant(number, "STOP", reference);
    expect(await suppressionRows(tenant.serviceId, number)).toEqual([]);
  });

  it("from a number that never opted out changes nothing and is audited nowhere", async () => {
    const before = await countRows("audit_log");
    await toTenant(freshNumber(), "START");
    expect(await countRows("audit_log")).toBe(before);
  });
});

describe("the audit log of inbound opt-outs", () => {
  it("records STOP as suppression.create and START as suppression.delete, by inbound-sms, without the number", async () => {
    const number = freshNumber();
    await toTenant(number, "STOP");
    const [row] = await suppressionRows(tenant.serviceId, number);
    await toTenant(number, "START");
    const audit = await env.DB.prepare(
      "SELECT actor, action, service_id, target_type, details FROM audit_log WHERE target_id = ? ORDER BY at, action",
    )
      .bind(row?.id)
      .all<Record<string, string>>();
    const common = { actor: "inbound-sms", service_id: tenant.serviceId, target_type: "suppression" };
    expect(audit.results).toEqual([
      { ...common, action: "suppression.create", details: JSON.stringify({ channel: "sms", source: "inbound" }) },
      { ...common, action: "suppression.delete", details: JSON.stringify({ channel: "sms", source: "inbound" }) },
    ]);
    expect(JSON.stringify(audit.results)).not.toContain(number.slice(4));
  });
});

describe("bulk jobs", () => {
  it("a row to an opted-out number is a row error, and nothing is stored", async () => {
    const number = freshNumber();
    await toTenant(number, "STOP");
    const before = await countRows("jobs");
    const res = await apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
      method: "POST",
      body: {
        template_id: tenant.smsTemplateId,
        name: "Herinnering",
        rows: [
          ["phone number", "naam", "code"],
          [freshNumber(), "a", "1"],
          [number, "b", "2"],
        ],
      },
    });
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual([
      "Some rows have errors. Row 1 - `phone number`: opted out of messages from this service.",
    ]);
    expect(await countRows("jobs")).toBe(before);
  });
});
