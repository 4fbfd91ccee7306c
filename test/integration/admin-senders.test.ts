import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminFetch, adminJson, countRows, createTenant, readError, type Tenant } from "../support/fixtures";

interface Sender {
  id: string;
  service_id: string;
  sms_sender: string;
  is_default: boolean;
  inbound_number: boolean;
  created_at: string;
}

let tenant: Tenant;
let other: Tenant;
const base = () => `/admin/services/${tenant.serviceId}`;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
});

async function defaults(table: "sms_senders" | "email_reply_to", serviceId: string): Promise<string[]> {
  const rows = await env.DB.prepare(`SELECT id FROM ${table} WHERE service_id = ? AND is_default = 1`).bind(serviceId).all();
  return rows.results.map((r) => String(r.id));
}

describe("POST /admin/services/{id}/sms-senders", () => {
  it("makes the first sender the default; is_default moves it and updates the service", async () => {
    const first = await adminJson<Sender>("POST", `${base()}/sms-senders`, { sms_sender: "Gemeente" });
    expect(first).toMatchObject({ service_id: tenant.serviceId, sms_sender: "Gemeente", is_default: true, inbound_number: false });
    const second = await adminJson<Sender>("POST", `${base()}/sms-senders`, { sms_sender: "Parkeren" });
    expect(second.is_default).toBe(false);
    expect(await defaults("sms_senders", tenant.serviceId)).toEqual([first.id]);

    const third = await adminJson<Sender>("POST", `${base()}/sms-senders`, { sms_sender: "Afval", is_default: true });
    expect(third.is_default).toBe(true);
    expect(await defaults("sms_senders", tenant.serviceId)).toEqual([third.id]);
    expect((await adminJson<{ sms_sender: string }>("GET", base())).sms_sender).toBe("Afval");
    const audit = await env.DB.prepare("SELECT * FROM audit_log WHERE target_id = ?").bind(third.id).first();
    expect(audit).toMatchObject({ action: "sms_sender.create", service_id: tenant.serviceId });
  });

  it("stores an inbound number as international digits, unique across services", async () => {
    const inbound = await adminJson<Sender>("POST", `${base()}/sms-senders`, { sms_sender: "097 010 203 04", inbound_number: true });
    expect(inbound).toMatchObject({ sms_sender: "319701020304", inbound_number: true, is_default: false });

    const before = [await countRows("sms_senders"), await countRows("audit_log")];
    for (const spelling of ["+319701020304", "00319701020304"]) {
      const res = await adminFetch(`/admin/services/${other.serviceId}/sms-senders`, {
        method: "POST",
        body: { sms_sender: spelling, inbound_number: true, is_default: true },
      });
      expect(res.status).toBe(400);
      const error = await readError(res);
      expect(error.errors[0]?.error).toBe("BadRequestError");
      expect(error.messages[0]).toContain("already in use");
    }
    expect([await countRows("sms_senders"), await countRows("audit_log")]).toEqual(before);
    expect(await defaults("sms_senders", other.serviceId)).toEqual([]);
  });

  it.each([
    [{ sms_sender: "Gemeente", inbound_number: true }, ["sms_sender must be a phone number for an inbound number"]],
    [{ sms_sender: "X" }, ["sms_sender must be between 3 and 11 characters long"]],
    [{ sms_sender: "0012" }, ["sms_sender must be a phone number of 4 to 16 digits"]],
    [{}, ["sms_sender is a required property"]],
    [{ sms_sender: "Gemeente2", is_default: "ja" }, ["is_default is not of type boolean"]],
  ])("400 for %j", async (body, messages) => {
    const before = await countRows("sms_senders");
    const res = await adminFetch(`${base()}/sms-senders`, { method: "POST", body });
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual(messages);
    expect(await countRows("sms_senders")).toBe(before);
  });

  it("400 for a sender the service already has", async () => {
    const res = await adminFetch(`${base()}/sms-senders`, { method: "POST", body: { sms_sender: "GEMEENTE" } });
    expect(res.status).toBe(400);
    expect((await readError(res)).errors[0]?.error).toBe("BadRequestError");
  });

  it("404 for an unknown service", async () => {
    expect(
      (await adminFetch(`/admin/services/${crypto.randomUUID()}/sms-senders`, { method: "POST", body: { sms_sender: "Abc" } })).status,
    ).toBe(404);
  });
});

describe("POST /admin/services/{id}/email-reply-to", () => {
  it("makes the first address the default; is_default moves it", async () => {
    const first = await adminJson<{ id: string; is_default: boolean; email_address: string }>("POST", `${base()}/email-reply-to`, {
      email_address: "Info@Gemeente.example.nl",
      is_default: false,
    });
    expect(first).toMatchObject({ email_address: "Info@Gemeente.example.nl", is_default: true, service_id: tenant.serviceId });
    const second = await adminJson<{ id: string; is_default: boolean }>("POST", `${base()}/email-reply-to`, {
      email_address: "balie@gemeente.example.nl",
      is_default: true,
    });
    expect(second.is_default).toBe(true);
    expect(await defaults("email_reply_to", tenant.serviceId)).toEqual([second.id]);
    const audit = await env.DB.prepare("SELECT details FROM audit_log WHERE target_id = ?").bind(second.id).first();
    expect(String(audit?.details)).not.toContain("balie@");
  });

  it("400 for a duplicate (ignoring case) and for an invalid address", async () => {
    const before = await countRows("email_reply_to");
    const duplicate = await adminFetch(`${base()}/email-reply-to`, { method: "POST", body: { email_address: "info@gemeente.example.nl" } });
    expect(duplicate.status).toBe(400);
    expect((await readError(duplicate)).errors[0]?.error).toBe("BadRequestError");
    for (const email_address of ["geen-adres", "a@b", "a..b@example.nl", "a@-x.nl"]) {
      const res = await adminFetch(`${base()}/email-reply-to`, { method: "POST", body: { email_address } });
      expect(res.status, email_address).toBe(400);
      expect((await readError(res)).messages).toEqual(["email_address Not a valid email address"]);
    }
    expect(await countRows("email_reply_to")).toBe(before);
  });
});

describe("POST /admin/services/{id}/team-members", () => {
  it("normalises phone numbers to E.164 and emails to lower case", async () => {
    const member = await adminJson<Record<string, unknown>>("POST", `${base()}/team-members`, {
      email_address: "J.Jansen@Gemeente.example.nl",
      phone_number: "06-12345678",
    });
    expect(member).toMatchObject({
      service_id: tenant.serviceId,
      email_address: "j.jansen@gemeente.example.nl",
      phone_number: "+31612345678",
    });
    const phoneOnly = await adminJson<Record<string, unknown>>("POST", `${base()}/team-members`, { phone_number: "+32 470 12 34 56" });
    expect(phoneOnly).toMatchObject({ email_address: null, phone_number: "+32470123456" });
    const audit = await env.DB.prepare("SELECT details FROM audit_log WHERE target_id = ?").bind(member.id).first();
    expect(JSON.parse(String(audit?.details))).toEqual({ has_email_address: true, has_phone_number: true });
  });

  it.each([
    [{}, ["email_address or phone_number is a required property"]],
    [{ phone_number: "0612" }, ["phone_number Not a valid phone number"]],
    [{ email_address: "nope" }, ["email_address Not a valid email address"]],
    [{ email_address: "x@example.nl", phone_number: 612345678 }, ["phone_number is not of type string"]],
  ])("400 for %j", async (body, messages) => {
    const before = await countRows("team_members");
    const res = await adminFetch(`${base()}/team-members`, { method: "POST", body });
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual(messages);
    expect(await countRows("team_members")).toBe(before);
  });

  it("400 for an existing member (same number in another spelling)", async () => {
    const res = await adminFetch(`${base()}/team-members`, { method: "POST", body: { phone_number: "+31 6 1234 5678" } });
    expect(res.status).toBe(400);
    expect((await readError(res)).errors[0]?.error).toBe("BadRequestError");
  });
});
