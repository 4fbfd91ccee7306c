/**
 * The CM.com webhooks (src/webhooks/) as CM (or an attacker) would call them: token, formats,
 * hostile bodies, the status mapping's wiring and transition rules, and inbound SMS.
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
    retry: false, // a failure here is final; second-attempt.test.ts covers the retry
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
  it.each([
    ["another token", "wrong-token"],
    ["the token with a character added", `${TOKEN}x`],
    ["the token with its last character missing", TOKEN.slice(0, -1)],
  ])("a POST with %s is 404 and changes nothing", async (_name, token) => {
    const id = await seed();
    const response = await post(`/callbacks/cm/${token}/status`, report(cmReference(id), "2"));
    expect(response.status).toBe(404);
    expect((await getNotification(id)).status).toBe("sending");
  });

  it("a GET with a wrong token is 404 and changes nothing", async () => {
    const id = await seed();
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
    expect(await response.json()).toMatchObject({ status_code: 400, errors: [{ error: "BadRequestError" }] });
    expect((await getNotification(id)).status).toBe("sending");
  });

  it("a body over the limit is 413, not a crash", async () => {
    const response = await post(`/callbacks/cm/${TOKEN}/status`, `{"x":"${"a".repeat(70_000)}"}`);
    expect(response.status).toBe(413);
  });

  it.each([
    ["a reference of no notification", () => cmReference(crypto.randomUUID())],
    ["a reference that is not ours", () => "someoneelsesref"],
  ])("%s is acknowledged (200) so CM stops retrying", async (_name, reference) => {
    const response = await post(`/callbacks/cm/${TOKEN}/status`, report(reference(), "2"));
    expect(response.status).toBe(200);
  });

  it.each([
    ["JSON", (ref: string) => post(`/callbacks/cm/${TOKEN}/status`, report(ref, "2"))],
    ["XML", (ref: string) => post(`/callbacks/cm/${TOKEN}/status`, xmlReport(ref, "2"), "application/xml")],
    ["GET query", (ref: string) => exports.default.fetch(url(`/callbacks/cm/${TOKEN}/status?REFERENCE=${ref}&STATUS=2`))],
    [
      "form-encoded",
      (ref: string) =>
        post(`/callbacks/cm/${TOKEN}/status`, `reference=${ref}&statuscode=2&errorcode=`, "application/x-www-form-urlencoded"),
    ],
  ])("accepts the %s form", async (_name, send) => {
    const id = await seed();
    expect((await send(cmReference(id))).status).toBe(200);
    expect((await getNotification(id)).status).toBe("delivered");
  });
});

describe("status mapping and transitions", () => {
  // The full CM table is unit-tested (test/unit/delivery-cm.test.ts); these rows prove the wiring:
  // the report's codes and text reach the row, and completed_at is set only for a final status.
  it("a report with code 0 makes the notification pending, not completed", async () => {
    const id = await seed();
    const response = await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(id), "0", "", "CM's standard text"));
    expect(response.status).toBe(200);
    expect(await getNotification(id)).toMatchObject({ status: "pending", providerResponse: "CM 0: CM's standard text", completedAt: null });
  });

  it("a report with code 3, errorCode 7 makes the notification temporary-failure, completed", async () => {
    const id = await seed();
    const before = Date.now();
    const response = await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(id), "3", "7", "CM's standard text"));
    expect(response.status).toBe(200);
    const row = await getNotification(id);
    expect(row).toMatchObject({ status: "temporary-failure", providerResponse: "CM 3/7: CM's standard text" });
    expect(row.completedAt).toBeGreaterThanOrEqual(before);
  });

  it("an unknown CM status code is acknowledged and ignored", async () => {
    const id = await seed();
    expect((await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(id), "9"))).status).toBe(200);
    expect((await getNotification(id)).status).toBe("sending");
  });

  it.each([
    ["3", "7", "a late failure"],
    ["0", "", "a late intermediate"],
    ["1", "", "a late rejection"],
    ["2", "", "a duplicate"],
  ])("delivered is final: %s/%s (%s) is acknowledged and changes nothing", async (code, errorCode) => {
    const id = await seed();
    const ref = cmReference(id);
    await post(`/callbacks/cm/${TOKEN}/status`, report(ref, "2", "", "Delivered"));
    const before = await getNotification(id);
    expect((await post(`/callbacks/cm/${TOKEN}/status`, report(ref, code, errorCode))).status).toBe(200);
    expect(await getNotification(id)).toMatchObject({
      status: "delivered",
      completedAt: before.completedAt,
      providerResponse: "CM 2: Delivered",
    });
  });

  it("pending moves on to a final status", async () => {
    const pending = await seed();
    await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(pending), "0"));
    await post(`/callbacks/cm/${TOKEN}/status`, report(cmReference(pending), "3", "7"));
    expect((await getNotification(pending)).status).toBe("temporary-failure");
  });

  it("a report can overtake the dispatcher's own write (the row still created)", async () => {
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

  describe("a message to a service's inbound number", () => {
    const text = `Ja, ik kom ${crypto.randomUUID().slice(0, 8)}`;
    let response: Response;
    let texts: Record<string, unknown>[];

    beforeAll(async () => {
      response = await post(`/callbacks/cm/${TOKEN}/inbound`, mo("003197010012345", text));
      const list = await apiFetch("/v2/received-text-messages", tenant.keys.normal);
      texts = ((await list.json()) as { received_text_messages: Record<string, unknown>[] }).received_text_messages;
    });

    it("is acknowledged as stored", async () => {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ result: "ok", stored: true });
    });

    it("is listed for the service that owns the number, numbers normalised", () => {
      expect(texts[0]).toMatchObject({
        service_id: tenant.serviceId,
        notify_number: "3197010012345",
        user_number: "31612345678",
        content: text,
      });
    });

    it("is not listed for another service", async () => {
      const otherList = await apiFetch("/v2/received-text-messages", other.keys.normal);
      const otherTexts = ((await otherList.json()) as { received_text_messages: { content: string }[] }).received_text_messages;
      expect(otherTexts.filter((t) => t.content === text)).toEqual([]);
    });

    it("is sent to the service's inbound callback, with its bearer token", async () => {
      const [callback] = await eventually(async () => {
        const got = await received(inboundHook);
        return got.length > 0 ? got : undefined;
      });
      expect(callback?.headers.authorization).toBe(`Bearer ${INBOUND_TOKEN}`);
      expect(callback?.body).toEqual({
        id: texts[0]?.id,
        source_number: "31612345678",
        destination_number: "3197010012345",
        message: text,
        date_received: texts[0]?.created_at,
      });
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

  it.each([
    ["a wrong token", "nope", () => mo("3669", "x"), 404],
    ["broken JSON", TOKEN, () => "{broken", 400],
    ["a message without text", TOKEN, () => JSON.stringify({ from: { number: "x" }, to: { number: "3669" } }), 400],
  ])("%s → %s, nothing stored", async (_name, token, body, status) => {
    const before = await countRows("received_texts");
    expect((await post(`/callbacks/cm/${token}/inbound`, body())).status).toBe(status);
    expect(await countRows("received_texts")).toBe(before);
  });
});
