/**
 * src/notifications/personalisation.ts through POST /v2/notifications/sms|email and the preview:
 * personalisation is bounded in size and shape, refused with a clear 400 and nothing stored, and
 * only the values the template uses are kept.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_PERSONALISATION_BYTES, MAX_VALUE_LENGTH } from "../../src/notifications/personalisation";
import { MAX_STORED_BYTES } from "../../src/notifications/prepare-message";
import { expectContained } from "../support/contained";
import { apiFetch, createTenant, readError, type Tenant } from "../support/fixtures";

let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
});

const sms = (personalisation: unknown) =>
  apiFetch("/v2/notifications/sms", tenant.keys.test, {
    method: "POST",
    body: { phone_number: "0612345678", template_id: tenant.smsTemplateId, personalisation },
  });

/** A send that must keep working: a valid SMS to a smoke-test number (answered 201, never stored). */
const normal = () =>
  apiFetch("/v2/notifications/sms", tenant.keys.test, {
    method: "POST",
    body: { phone_number: "+3197000000000", template_id: tenant.smsTemplateId, personalisation: { naam: "Jan", code: "1" } },
  });

const storedCount = async () =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE service_id = ?").bind(tenant.serviceId).first<{ n: number }>())?.n;

/** 200k levels of lists, as JSON text (JSON.stringify of such a value would overflow the stack). */
const deepList = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;

describe("hostile personalisation", () => {
  it.each([
    ["an unused 900 KB value", { naam: "Jan", code: "1", junk: "x".repeat(900_000) }, `junk is longer than ${MAX_VALUE_LENGTH}`],
    [
      "values over the total size",
      Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`k${i}`, "z".repeat(MAX_VALUE_LENGTH)])),
      `larger than ${MAX_PERSONALISATION_BYTES} bytes`,
    ],
    ["many small unused values", Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`k${i}`, "y".repeat(100)])), "larger than"],
    ["a value over the length limit", { naam: "a".repeat(MAX_VALUE_LENGTH + 1), code: "1" }, `longer than ${MAX_VALUE_LENGTH}`],
    ["an object value", { naam: { first: "Jan" }, code: "1" }, "naam must be text, a number, true/false or a list of those"],
    ["a list of lists", { naam: [["Jan"]], code: "1" }, "naam must be text"],
    ["too many keys", Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, 1])), "more than 1000 keys"],
  ])("%s is a 400 and nothing is stored", async (_name, personalisation, message) => {
    const before = await storedCount();
    const response = await expectContained(() => sms(personalisation), normal);
    expect(response.status).toBe(400);
    expect((await readError(response)).messages.join(" ")).toContain(message);
    expect(await storedCount()).toBe(before);
  });

  it("a 200,000-deep nested value is a 400, not a 500", async () => {
    const response = await expectContained(
      () =>
        apiFetch("/v2/notifications/sms", tenant.keys.test, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: `{"phone_number":"0612345678","template_id":"${tenant.smsTemplateId}","personalisation":{"naam":${deepList},"code":"1"}}`,
        }),
      normal,
    );
    expect(response.status).toBe(400);
    expect((await readError(response)).messages).toEqual(["Personalisation naam must be text, a number, true/false or a list of those"]);
  });

  it("the preview refuses the same values", async () => {
    const response = await apiFetch(`/v2/template/${tenant.smsTemplateId}/preview`, tenant.keys.test, {
      method: "POST",
      body: { personalisation: { naam: { x: 1 }, code: "1" } },
    });
    expect(response.status).toBe(400);
  });

  it("only the values the template uses are stored", async () => {
    const response = await sms({ Naam: "Jan", code: 7, unused: "not kept" });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const row = await env.DB.prepare("SELECT personalisation FROM notifications WHERE id = ?")
      .bind(id)
      .first<{ personalisation: string }>();
    expect(JSON.parse(row?.personalisation ?? "null")).toEqual({ Naam: "Jan", code: 7 });
  });

  it("a value named by optional content is kept too", async () => {
    const t = await createTenant({ smsTemplate: { body: "Hallo ((naam)). ((toon??extra))" } });
    const response = await apiFetch("/v2/notifications/sms", t.keys.test, {
      method: "POST",
      body: {
        phone_number: "0612345678",
        template_id: t.smsTemplateId,
        personalisation: { naam: "Jan", toon: "yes", extra: "Tot morgen", x: 1 },
      },
    });
    expect(response.status).toBe(201);
    const { id, content } = (await response.json()) as { id: string; content: { body: string } };
    expect(content.body).toBe("Hallo Jan. Tot morgen");
    const row = await env.DB.prepare("SELECT personalisation FROM notifications WHERE id = ?")
      .bind(id)
      .first<{ personalisation: string }>();
    expect(JSON.parse(row?.personalisation ?? "null")).toEqual({ naam: "Jan", toon: "yes", extra: "Tot morgen" });
  });
});

describe("a row D1 could not store", () => {
  it("an email whose body and personalisation together pass D1's row limit is a 400, nothing stored", async () => {
    const t = await createTenant({ emailTemplate: { body: "((a))\n".repeat(196) } });
    const response = await apiFetch("/v2/notifications/email", t.keys.test, {
      method: "POST",
      body: { email_address: "jan@example.nl", template_id: t.emailTemplateId, personalisation: { a: "x".repeat(10_000), naam: "Jan" } },
    });
    expect(response.status).toBe(400);
    expect((await readError(response)).messages.join(" ")).toContain(`at most ${MAX_STORED_BYTES}`);
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE service_id = ?")
      .bind(t.serviceId)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });
});
