/**
 * The CM.com webhooks as CM (or an attacker) would call them: token, formats, hostile bodies,
 * the status mapping and transition rules, and inbound SMS.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cmReference } from "../../src/providers/sms/cm-types";
import { eventually, received } from "../support/delivery";
import { apiFetch, countRows, createTenant, type Tenant, url } from "../support/fixtures";
import { getNotification, insertNotification } from "../support/notification-factory";

const TOKEN = env.CM_WEBHOOK_TOKEN;
const INBOUND_TOKEN = "inbound-bearer-0123456789";
let tenant: Tenant;
let other: Tenant;
let inboundHook: string;

beforeAll(async () => {
  inboundHook = `/inbound-${crypto.randomUUID().slice(0, 8)}`;
  tenant = await createTenant({
    smsSenders: [{ sms_sender: "+31 97 010012345", inbound_number: true }],
    inboundSmsCallback: { url: `${env.TEST_SUPPORT_URL}/hook${inboundHook}`, bearer_token: INBOUND_TOKEN },
  });
  other = await createTenant({ smsSenders: [{ sms_sender: "3669", inbound_number: true }] });
});

/** An SMS handed to CM.com, or (created) claimed by a dispatch consumer whose hand-off write is still to come. */
const seed = (status: "sending" | "created" = "sending") =>
  insertNotification({
    serviceId: tenant.serviceId,
    organisationId: tenant.organisationId,
    status,
    provider: status === "created" ? null : "cm",
    claimedAt: status === "created" ? Date.now() : null,
  });

function report(reference: string, code: string, errorCode = "", errorDescription = ""): string {
  return JSON.stringify({
    messages: {
      msg: {
        received: "2026-11-28T12:00:00",
        to: "0031612345678",
        reference,
        status: { code, errorCode, errorDescription },
        operator: "20408",
      },
    },
  });
}

function xmlReport(reference: string, code: string, errorCode = ""): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><MESSAGES><MSG RECEIVED="2026-11-28T12:00:00"><TO>0031612345678</TO>` +
    `<REFERENCE>${reference}</REFERENCE><STATUS><CODE>${code}</CODE><ERRORCODE>${errorCode}</ERRORCODE>` +
    `<ERRORDESCRIPTION>Message &amp; more</ERRORDESCRIPTION></STATUS></MSG></MESSAGES>`
  );
}

async function post(path: string, body: string, contentType = "application/json"): Promise<Response> {
  return exports.default.fetch(url(path), { method: "POST", headers: { "content-type": contentType }, body });
}

describe("status webhook: who may call it and what it accepts", () => {
  it("a wrong or missing token is 404 and changes nothing", async () => {
    const id = await seed();
    for (const path of [
      `/callbacks/cm/wrong-token/status`,
      `/callbacks/cm/${TOKEN}x/status`,
      `/callbacks/cm/${TOKEN.slice(0, -1)}/status`,
    ]) {
      const response = await post(path, report(cmReference(id), "2"));
      expect(response.status).toBe(404);
    }
    const get = await exports.default.fetch(url(`/callbacks/cm/nope/status?reference=${cmReference(id)}&statuscode=2`));
    expect(get.status).toBe(404);
    expect((await getNotification(id)).status).toBe("sending");
  });

  it.each([
    ["invalid JSON", "{not json", "application/json"],
    ["JSON without messages.msg", JSON.stringify({ hello: "world" }), "application/json"],
    ["JSON with a non-numeric status", report("a".repeat(32), "delivered"), "application/json"],
    [
      "JSON with an object as reference",
      JSON.stringify({ messages: { msg: { reference: { $ne: 1 }, status: { code: "2" } } } }),
      "application/json",
    ],
    [
      "XML with a DOCTYPE (entity expansion)",
      `<!DOCTYPE x [<!ENTITY a "aaaa">]><MESSAGES><MSG><REFERENCE>&a;</REFERENCE></MSG></MESSAGES>`,
      "application/xml",
    ],
    ["XML with the wrong root", "<REPORT><MSG><REFERENCE>x</REFERENCE></MSG></REPORT>", "application/xml"],
    ["unterminated XML", "<MESSAGES><MSG><REFERENCE>abc", "application/xml"],
    ["XML with an unknown entity", xmlReport("&evil;", "2"), "application/xml"],
    ["plain text", "status=2", "text/plain"],
  ])("%s → 400 Notify error, nothing changed", async (_name, body, contentType) => {
    const id = await seed();
    const response = await post(`/callbacks/cm/${TOKEN}/status`, body.replace("a".repeat(32), cmReference(id)), contentType);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { status_code: number; errors: { error: string; message: string }[] };
    expect(error.status_code).toBe(400);
    expect(error.errors[0]?.error).toBe("BadRequestError");
    expect((await getNotification(id)).status).toBe("sending");
  });

  it("a body over the limit is 413, not a crash", async () => {
    const response = await post(`/callbacks/cm/${TOKEN}/status`, `{"x":"${"a".repeat(70_000)}"}`);
    expect(response.status).toBe(413);
  });

  it("an unknown reference is acknowledged (200) so CM stops retrying", async () => {
    const unknown = await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(crypto.randomUUID()), "2"));
    expect(unknown.status).toBe(200);
    const foreign = await post(`/callbacks/cm/${TOKEN}/status`, report("someoneelsesref", "2"));
    expect(foreign.status).toBe(200);
  });

  it("accepts the JSON, XML, GET query and form-encoded forms", async () => {
    const [a, b, c, d] = [await seed(), await seed(), await seed(), await seed()];
    expect((await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(a), "2"))).status).toBe(200);
    expect((await post(`/callbacks/cm/${TOKEN}/status`, xmlReport(cmReference(b), "2"), "application/xml")).status).toBe(200);
    const get = await exports.default.fetch(url(`/callbacks/cm/${TOKEN}/status?REFERENCE=${cmReference(c)}&STATUS=2`));
    expect(get.status).toBe(200);
    const form = await post(
      `/callbacks/cm/${TOKEN}/status`,
      `reference=${cmReference(d)}&statuscode=2&errorcode=`,
      "application/x-www-form-urlencoded",
    );
    expect(form.status).toBe(200);
    for (const id of [a, b, c, d]) expect((await getNotification(id)).status).toBe("delivered");
  });
});

describe("status mapping and transitions", () => {
  it.each([
    ["0", "", "pending"],
    ["1", "", "permanent-failure"],
    ["2", "", "delivered"],
    ["3", "5", "permanent-failure"],
    ["3", "7", "temporary-failure"],
    ["3", "", "permanent-failure"],
    ["4", "", "delivered"],
  ])("CM status %s (errorCode %s) → %s", async (code, errorCode, expected) => {
    const id = await seed();
    const response = await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(id), code, errorCode, "CM's standard text"));
    expect(response.status).toBe(200);
    const row = await getNotification(id);
    expect(row.status).toBe(expected);
    expect(row.providerResponse).toBe(`CM ${code}${errorCode ? `/${errorCode}` : ""}: CM's standard text`);
    if (expected === "pending") expect(row.completedAt).toBeNull();
    else expect(row.completedAt).toBeGreaterThan(0);
  });

  it("an unknown CM status code is acknowledged and ignored", async () => {
    const id = await seed();
    expect((await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(id), "9"))).status).toBe(200);
    expect((await getNotification(id)).status).toBe("sending");
  });

  it("final statuses are final; late and duplicate reports are no-ops", async () => {
    const id = await seed();
    const ref = cmReference(id);
    await post(`/callbacks/cm/${TOKEN}/status`, report(ref, "2"));
    const { completedAt } = await getNotification(id);
    for (const [code, errorCode] of [
      ["3", "7"],
      ["0", ""],
      ["1", ""],
      ["2", ""],
    ] as const) {
      expect((await post(`/callbacks/cm/${TOKEN}/status`, report(ref, code, errorCode))).status).toBe(200);
    }
    expect(await getNotification(id)).toMatchObject({ status: "delivered", completedAt });
  });

  it("pending moves on to a final status; a report can overtake the dispatcher's own write", async () => {
    const pending = await seed();
    await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(pending), "0"));
    await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(pending), "3", "7"));
    expect((await getNotification(pending)).status).toBe("temporary-failure");

    const created = await seed("created");
    await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(created), "2"));
    expect((await getNotification(created)).status).toBe("delivered");
  });
});

describe("inbound SMS webhook", () => {
  function mo(to: string, text: string, from = "+31612345678"): string {
    return JSON.stringify({
      reference: crypto.randomUUID(),
      from: { number: from, name: "" },
      to: { number: to },
      message: { text, media: { mediaUri: "", contentType: "", title: "" }, custom: {} },
      groupings: ["", "messagesApi", ""],
      timeUtc: "2026-11-28T12:00:00",
      channel: "SMS",
    });
  }

  it("is stored for the service that owns the inbound number and the inbound callback is sent", async () => {
    const response = await post(`/callbacks/cm/${TOKEN}/inbound`, mo("003197010012345", "Ja, ik kom"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: "ok", stored: true });

    const list = await apiFetch("/v2/received-text-messages", tenant.keys.normal);
    const texts = ((await list.json()) as { received_text_messages: Record<string, unknown>[] }).received_text_messages;
    expect(texts[0]).toMatchObject({
      service_id: tenant.serviceId,
      notify_number: "3197010012345",
      user_number: "31612345678",
      content: "Ja, ik kom",
    });
    const otherList = await apiFetch("/v2/received-text-messages", other.keys.normal);
    expect(((await otherList.json()) as { received_text_messages: unknown[] }).received_text_messages).toEqual([]);

    const [callback] = await eventually(async () => {
      const got = await received(inboundHook);
      return got.length > 0 ? got : undefined;
    });
    expect(callback?.headers.authorization).toBe(`Bearer ${INBOUND_TOKEN}`);
    expect(callback?.body).toEqual({
      id: texts[0]?.id,
      source_number: "31612345678",
      destination_number: "3197010012345",
      message: "Ja, ik kom",
      date_received: texts[0]?.created_at,
    });
  });

  it("short codes and the GET form are matched too", async () => {
    const response = await exports.default.fetch(url(`/callbacks/cm/${TOKEN}/inbound?from=0031612345678&to=3669&message=STOP`));
    expect(await response.json()).toEqual({ result: "ok", stored: true });
    const list = await apiFetch("/v2/received-text-messages", other.keys.normal);
    const texts = ((await list.json()) as { received_text_messages: Record<string, unknown>[] }).received_text_messages;
    expect(texts[0]).toMatchObject({ notify_number: "3669", content: "STOP", user_number: "31612345678" });
  });

  it("an unknown number is acknowledged and nothing is stored", async () => {
    const before = await countRows("received_texts");
    const response = await post(`/callbacks/cm/${TOKEN}/inbound`, mo("+31970999999", "Hallo?"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: "ok", stored: false });
    expect(await countRows("received_texts")).toBe(before);
  });

  it("wrong token → 404, malformed → 400, nothing stored", async () => {
    const before = await countRows("received_texts");
    expect((await post(`/callbacks/cm/nope/inbound`, mo("3669", "x"))).status).toBe(404);
    expect((await post(`/callbacks/cm/${TOKEN}/inbound`, "{broken")).status).toBe(400);
    expect((await post(`/callbacks/cm/${TOKEN}/inbound`, JSON.stringify({ from: { number: "x" }, to: { number: "3669" } }))).status).toBe(
      400,
    );
    expect(await countRows("received_texts")).toBe(before);
  });
});
