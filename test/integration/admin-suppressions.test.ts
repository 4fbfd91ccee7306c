/**
 * The suppression list in the admin API (src/admin/suppressions/): list, create, delete, each
 * audited without the recipient, and what an administrator's suppression does to sends
 * (src/notifications/opt-outs.ts).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminFetch, adminJson, apiFetch, createTenant, readError, readProblem, type Tenant } from "../support/fixtures";

let tenant: Tenant;
let base: string;

beforeAll(async () => {
  tenant = await createTenant();
  base = `/admin/v1/services/${tenant.serviceId}/suppressions`;
});

interface Suppression {
  id: string;
  service_id: string;
  channel: string;
  recipient: string;
  source: string;
  created_at: string;
}

const sendSms = (phoneNumber: string) =>
  apiFetch("/v2/notifications/sms", tenant.keys.normal, {
    method: "POST",
    body: { phone_number: phoneNumber, template_id: tenant.smsTemplateId, personalisation: { naam: "Jan", code: "1" } },
  });

const sendEmail = (emailAddress: string) =>
  apiFetch("/v2/notifications/email", tenant.keys.normal, {
    method: "POST",
    body: { email_address: emailAddress, template_id: tenant.emailTemplateId, personalisation: { naam: "Jan" } },
  });

describe("POST /services/{service_id}/suppressions", () => {
  it("stores a phone number in E.164, as an administrator's suppression", async () => {
    const created = await adminJson<Suppression>("POST", base, { phone_number: "06-4000 0001" });
    expect(created).toEqual({
      id: expect.any(String),
      service_id: tenant.serviceId,
      channel: "sms",
      recipient: "+31640000001",
      source: "admin",
      created_at: expect.any(String),
    });
  });

  it("refuses the service's sends to the number until the suppression is deleted", async () => {
    const created = await adminJson<Suppression>("POST", base, { phone_number: "+31640000002" });
    const refused = await sendSms("0640000002");
    expect(refused.status).toBe(400);
    expect((await readError(refused)).messages).toEqual(["The recipient has opted out of messages from this service (STOP)"]);
    await adminJson("DELETE", `${base}/${created.id}`, undefined, 204);
    expect((await sendSms("0640000002")).status).toBe(201);
  });

  it("refuses emails to a suppressed address, whatever its case", async () => {
    await adminJson("POST", base, { email_address: "Inwoner@Voorbeeld.nl" });
    const refused = await sendEmail("inwoner@VOORBEELD.nl");
    expect(refused.status).toBe(400);
    expect((await readError(refused)).errors).toEqual([
      { error: "BadRequestError", message: "The recipient has opted out of emails from this service" },
    ]);
  });

  it("is a 400 for a recipient already on the list", async () => {
    await adminJson("POST", base, { phone_number: "+31640000003" });
    const res = await adminFetch(base, { method: "POST", body: { phone_number: "0640000003" } });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["This recipient is already on the service's suppression list"]);
  });

  it.each([
    ["neither field", {}],
    ["both fields", { phone_number: "+31640000004", email_address: "a@voorbeeld.nl" }],
    ["an invalid number", { phone_number: "12" }],
  ])("is a 400 for %s", async (_name, body) => {
    const res = await adminFetch(base, { method: "POST", body });
    expect(res.status).toBe(400);
  });
});

describe("GET /services/{service_id}/suppressions", () => {
  it("lists one channel with ?channel=, in pages", async () => {
    const own = await createTenant();
    const path = `/admin/v1/services/${own.serviceId}/suppressions`;
    for (const n of [1, 2, 3]) await adminJson("POST", path, { phone_number: `+3165000000${n}` });
    await adminJson("POST", path, { email_address: "x@voorbeeld.nl" });
    const first = await adminJson<{ suppressions: Suppression[]; links: { next: string | null } }>("GET", `${path}?channel=sms&pageSize=2`);
    expect(first.suppressions.map((s) => s.recipient)).toEqual(["+31650000001", "+31650000002"]);
    const next = new URL(first.links.next ?? "");
    const second = await adminJson<{ suppressions: Suppression[] }>("GET", `${next.pathname}${next.search}`);
    expect(second.suppressions.map((s) => s.recipient)).toEqual(["+31650000003"]);
  });
});

describe("DELETE /services/{service_id}/suppressions/{suppression_id}", () => {
  it("is a 404 for an unknown id", async () => {
    const res = await adminFetch(`${base}/${crypto.randomUUID()}`, { method: "DELETE" });
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Suppression not found"]);
  });

  it("is a 404 for another organisation's suppression under its own service with my organisationId", async () => {
    const theirs = await createTenant();
    const path = `/admin/v1/services/${theirs.serviceId}/suppressions`;
    const created = await adminJson<Suppression>("POST", path, { phone_number: "+31640000009" });
    const res = await adminFetch(`${path}/${created.id}?organisationId=${tenant.organisationId}`, { method: "DELETE" });
    expect(res.status).toBe(404);
    expect((await env.DB.prepare("SELECT id FROM suppressions WHERE id = ?").bind(created.id).first())?.id).toBe(created.id);
  });
});

describe("the audit log of the suppression list", () => {
  it("records create and delete by the suppression's id, without the recipient", async () => {
    const created = await adminJson<Suppression>("POST", base, { phone_number: "+31640000005" });
    await adminJson("DELETE", `${base}/${created.id}`, undefined, 204);
    const audit = await env.DB.prepare("SELECT action, target_type, details FROM audit_log WHERE target_id = ? ORDER BY at, action")
      .bind(created.id)
      .all<Record<string, string>>();
    const details = JSON.stringify({ channel: "sms", source: "admin" });
    expect(audit.results).toEqual([
      { action: "suppression.create", target_type: "suppression", details },
      { action: "suppression.delete", target_type: "suppression", details },
    ]);
  });
});
