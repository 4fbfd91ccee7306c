/**
 * Admin API senders and recipients of a service (src/admin/sms-senders/, src/admin/email-reply-to/,
 * src/admin/team-members/): defaults, normalising, uniqueness, validation, audit rows.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminFetch, adminJson, countRows, createTenant, readProblem, type Tenant } from "../support/fixtures";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An SMS sender as the admin API answers it, all of it; a test pins the values it set. */
const aSender = (values: Record<string, unknown>) => ({
  id: expect.stringMatching(UUID),
  service_id: expect.any(String),
  sms_sender: expect.any(String),
  is_default: expect.any(Boolean),
  inbound_number: expect.any(Boolean),
  created_at: expect.stringMatching(TIMESTAMP),
  ...values,
});

type Created = Record<string, unknown> & { id: string };

let tenant: Tenant;
let other: Tenant;
const base = (t: Tenant = tenant) => `/admin/v1/services/${t.serviceId}`;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
});

async function defaults(table: "sms_senders" | "email_reply_to", serviceId: string): Promise<string[]> {
  const rows = await env.DB.prepare(`SELECT id FROM ${table} WHERE service_id = ? AND is_default = 1`).bind(serviceId).all();
  return rows.results.map((r) => String(r.id));
}

describe("POST /admin/v1/services/{id}/sms-senders", () => {
  const addSender = (t: Tenant, body: Record<string, unknown>) => adminJson<Created>("POST", `${base(t)}/sms-senders`, body);

  it("makes the first sender the default", async () => {
    const t = await createTenant();
    const first = await addSender(t, { sms_sender: "Gemeente" });
    expect(first).toEqual(aSender({ service_id: t.serviceId, sms_sender: "Gemeente", is_default: true, inbound_number: false }));
    expect(await defaults("sms_senders", t.serviceId)).toEqual([first.id]);
  });

  it("keeps the default when a later sender does not ask for it", async () => {
    const t = await createTenant();
    const first = await addSender(t, { sms_sender: "Gemeente" });
    const second = await addSender(t, { sms_sender: "Parkeren" });
    expect(second).toEqual(aSender({ service_id: t.serviceId, sms_sender: "Parkeren", is_default: false, inbound_number: false }));
    expect(await defaults("sms_senders", t.serviceId)).toEqual([first.id]);
  });

  it("moves the default with is_default, and updates the service's sms_sender", async () => {
    const t = await createTenant();
    await addSender(t, { sms_sender: "Gemeente" });
    const third = await addSender(t, { sms_sender: "Afval", is_default: true });
    expect(third.is_default).toBe(true);
    expect(await defaults("sms_senders", t.serviceId)).toEqual([third.id]);
    expect((await adminJson<{ sms_sender: string }>("GET", base(t))).sms_sender).toBe("Afval");
  });

  it("writes an audit row", async () => {
    const created = await addSender(tenant, { sms_sender: "Audit" });
    const audit = await env.DB.prepare("SELECT * FROM audit_log WHERE target_id = ?").bind(created.id).first();
    expect(audit).toMatchObject({ action: "sms_sender.create", service_id: tenant.serviceId });
  });

  it("stores an inbound number as international digits, not as the default", async () => {
    const inbound = await addSender(tenant, { sms_sender: "097 010 203 05", inbound_number: true });
    expect(inbound).toEqual(aSender({ service_id: tenant.serviceId, sms_sender: "319701020305", inbound_number: true, is_default: false }));
  });

  describe("an inbound number already in use by a service", () => {
    beforeAll(async () => {
      await addSender(tenant, { sms_sender: "097 010 203 04", inbound_number: true });
    });

    it.each(["+319701020304", "00319701020304"])("is refused for another service when spelled %s, storing nothing", async (spelling) => {
      const before = [await countRows("sms_senders"), await countRows("audit_log")];
      const res = await adminFetch(`${base(other)}/sms-senders`, {
        method: "POST",
        body: { sms_sender: spelling, inbound_number: true, is_default: true },
      });
      expect(res.status).toBe(400);
      expect(await readProblem(res)).toMatchObject({
        code: "BadRequestError",
        messages: ["The inbound number '319701020304' is already in use by a service"],
      });
      expect([await countRows("sms_senders"), await countRows("audit_log")]).toEqual(before);
      expect(await defaults("sms_senders", other.serviceId)).toEqual([]);
    });
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
    expect((await readProblem(res)).messages).toEqual(messages);
    expect(await countRows("sms_senders")).toBe(before);
  });

  it("400 for a sender the service already has (ignoring case)", async () => {
    const t = await createTenant();
    await addSender(t, { sms_sender: "Gemeente" });
    const res = await adminFetch(`${base(t)}/sms-senders`, { method: "POST", body: { sms_sender: "GEMEENTE" } });
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({
      code: "BadRequestError",
      messages: ["This service already has the SMS sender 'GEMEENTE'"],
    });
  });

  it("404 for an unknown service", async () => {
    const res = await adminFetch(`/admin/v1/services/${crypto.randomUUID()}/sms-senders`, { method: "POST", body: { sms_sender: "Abc" } });
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Service not found"]);
  });
});

describe("POST /admin/v1/services/{id}/email-reply-to", () => {
  const addReplyTo = (t: Tenant, body: Record<string, unknown>) => adminJson<Created>("POST", `${base(t)}/email-reply-to`, body);

  it("makes the first address the default, even when is_default is false", async () => {
    const t = await createTenant();
    const first = await addReplyTo(t, { email_address: "Info@Gemeente.example.nl", is_default: false });
    expect(first).toMatchObject({ email_address: "Info@Gemeente.example.nl", is_default: true, service_id: t.serviceId });
    expect(await defaults("email_reply_to", t.serviceId)).toEqual([first.id]);
  });

  it("moves the default with is_default", async () => {
    const t = await createTenant();
    await addReplyTo(t, { email_address: "info@gemeente.example.nl" });
    const second = await addReplyTo(t, { email_address: "balie@gemeente.example.nl", is_default: true });
    expect(second.is_default).toBe(true);
    expect(await defaults("email_reply_to", t.serviceId)).toEqual([second.id]);
  });

  it("writes an audit row without the address", async () => {
    const created = await addReplyTo(tenant, { email_address: "balie@gemeente.example.nl" });
    const audit = await env.DB.prepare("SELECT details FROM audit_log WHERE target_id = ?").bind(created.id).first();
    expect(String(audit?.details)).not.toContain("balie@");
  });

  it("400 for an address the service already uses (ignoring case), storing nothing", async () => {
    const t = await createTenant();
    await addReplyTo(t, { email_address: "Info@Gemeente.example.nl" });
    const before = await countRows("email_reply_to");
    const duplicate = await adminFetch(`${base(t)}/email-reply-to`, {
      method: "POST",
      body: { email_address: "info@gemeente.example.nl" },
    });
    expect(duplicate.status).toBe(400);
    expect(await readProblem(duplicate)).toMatchObject({
      code: "BadRequestError",
      messages: ["This service already uses 'info@gemeente.example.nl' as an email reply-to address"],
    });
    expect(await countRows("email_reply_to")).toBe(before);
  });

  it.each(["geen-adres", "a@b", "a..b@example.nl", "a@-x.nl"])("400 for the invalid address %j, storing nothing", async (email_address) => {
    const before = await countRows("email_reply_to");
    const res = await adminFetch(`${base()}/email-reply-to`, { method: "POST", body: { email_address } });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["email_address Not a valid email address"]);
    expect(await countRows("email_reply_to")).toBe(before);
  });
});

describe("POST /admin/v1/services/{id}/team-members", () => {
  const addMember = (t: Tenant, body: Record<string, unknown>) => adminJson<Created>("POST", `${base(t)}/team-members`, body);

  it("normalises phone numbers to E.164 and emails to lower case", async () => {
    const member = await addMember(tenant, { email_address: "J.Jansen@Gemeente.example.nl", phone_number: "06-12345678" });
    expect(member).toMatchObject({
      service_id: tenant.serviceId,
      email_address: "j.jansen@gemeente.example.nl",
      phone_number: "+31612345678",
    });
  });

  it("takes a member with a phone number only", async () => {
    const phoneOnly = await addMember(tenant, { phone_number: "+32 470 12 34 56" });
    expect(phoneOnly).toMatchObject({ service_id: tenant.serviceId, email_address: null, phone_number: "+32470123456" });
  });

  it("writes an audit row saying what the member has, not the address or number", async () => {
    const member = await addMember(tenant, { email_address: "p.pietersen@gemeente.example.nl", phone_number: "06-22345678" });
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
    expect((await readProblem(res)).messages).toEqual(messages);
    expect(await countRows("team_members")).toBe(before);
  });

  it("400 for an existing member (same number in another spelling)", async () => {
    const t = await createTenant();
    await addMember(t, { phone_number: "06-12345678" });
    const res = await adminFetch(`${base(t)}/team-members`, { method: "POST", body: { phone_number: "+31 6 1234 5678" } });
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({
      code: "BadRequestError",
      messages: ["This email address or phone number is already a team member of this service"],
    });
  });
});

describe("DELETE /admin/v1/services/{id}/team-members/{member_id}", () => {
  const addMember = (t: Tenant) => adminJson<Created>("POST", `${base(t)}/team-members`, { email_address: "weg@gemeente.example.nl" });
  const remove = (t: Tenant, id: string) => adminFetch(`${base(t)}/team-members/${id}`, { method: "DELETE" });

  it("deletes the member's details and writes an audit row without them", async () => {
    const member = await addMember(tenant);
    expect((await remove(tenant, member.id)).status).toBe(204);
    expect(await env.DB.prepare("SELECT id FROM team_members WHERE id = ?").bind(member.id).first()).toBeNull();
    const audit = await env.DB.prepare("SELECT action, details FROM audit_log WHERE target_id = ? AND action = 'team_member.delete'")
      .bind(member.id)
      .first();
    expect(audit).toEqual({ action: "team_member.delete", details: "{}" });
  });

  it.each([
    ["an unknown id", () => crypto.randomUUID()],
    ["not an id", () => "niet-een-id"],
  ])("%s is a 404", async (_name, id) => {
    expect((await remove(tenant, id())).status).toBe(404);
  });

  it("another service's member is a 404 and stays", async () => {
    const theirs = await addMember(other);
    expect((await remove(tenant, theirs.id)).status).toBe(404);
    expect(await env.DB.prepare("SELECT id FROM team_members WHERE id = ?").bind(theirs.id).first()).toEqual({ id: theirs.id });
  });
});
