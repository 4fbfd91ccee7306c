/**
 * The lifecycle of a service's SMS senders, reply-to addresses and team members in the admin API
 * (src/admin/sms-senders/, src/admin/email-reply-to/, src/admin/team-members/list-team-members.ts):
 * paged lists, get, update, delete, the default rules, audit rows, other services' and other
 * organisations' ids, and what the public API does with a changed or deleted sender.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminFetch, adminJson, apiFetch, countRows, createTenant, readError, readProblem, type Tenant } from "../support/fixtures";

type Row = Record<string, unknown> & { id: string };
interface Page {
  links: { next: string | null };
  [list: string]: unknown;
}

let other: Tenant;
beforeAll(async () => {
  other = await createTenant({ smsSenders: [{ sms_sender: "Anders" }], replyTos: [{ email_address: "anders@example.nl" }] });
});

const base = (t: Tenant) => `/admin/v1/services/${t.serviceId}`;

async function auditRows(targetId: string, action: string) {
  const rows = await env.DB.prepare("SELECT action, details FROM audit_log WHERE target_id = ? AND action = ?")
    .bind(targetId, action)
    .all();
  return rows.results.map((r) => ({ action: r.action, details: JSON.parse(String(r.details)) }));
}

/** Everything a refused change must leave as it was: the service's rows, its sms_sender, the audit log. */
async function state(t: Tenant) {
  const table = async (name: string) =>
    (await env.DB.prepare(`SELECT * FROM ${name} WHERE service_id = ? ORDER BY id`).bind(t.serviceId).all()).results;
  const service = await env.DB.prepare("SELECT sms_sender, updated_at FROM services WHERE id = ?").bind(t.serviceId).first();
  return { senders: await table("sms_senders"), replyTos: await table("email_reply_to"), service, audit: await countRows("audit_log") };
}

/** Follows links.next from `path` and returns every row of `list`, in order. */
async function allPages(path: string, list: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let next: string | null = path;
  let pages = 0;
  while (next) {
    const page: Page = await adminJson<Page>("GET", next.replace(/^https?:\/\/[^/]+/, ""));
    ids.push(...(page[list] as Row[]).map((r) => r.id));
    next = page.links.next;
    pages += 1;
  }
  return { ids, pages };
}

/** The problem details of a response whose body's status is the HTTP status. */
async function problem(res: Response) {
  const body = await readProblem(res);
  expect(body.status).toBe(res.status);
  return body;
}

describe("SMS senders", () => {
  const path = (t: Tenant, id = "") => `${base(t)}/sms-senders${id ? `/${id}` : ""}`;
  const patch = (t: Tenant, id: string, body: unknown) => adminFetch(path(t, id), { method: "PATCH", body });
  const remove = (t: Tenant, id: string) => adminFetch(path(t, id), { method: "DELETE" });
  const defaults = async (t: Tenant) =>
    (await adminJson<{ sms_senders: Row[] }>("GET", path(t))).sms_senders.filter((s) => s.is_default).map((s) => s.id);
  const serviceSender = async (t: Tenant) => (await adminJson<{ sms_sender: string }>("GET", base(t))).sms_sender;

  describe("GET /sms-senders", () => {
    let t: Tenant;
    beforeAll(async () => {
      t = await createTenant({ smsSenders: ["Gemeente", "Parkeren", "Afval", "Wonen", "Belasting"].map((s) => ({ sms_sender: s })) });
    });

    it("lists the service's own senders, oldest first, with no next page", async () => {
      const page = await adminJson<{ sms_senders: Row[]; links: Page["links"] }>("GET", path(t));
      expect(page.sms_senders.map((s) => s.id)).toEqual(t.smsSenderIds);
      expect(page.sms_senders[0]).toMatchObject({ sms_sender: "Gemeente", is_default: true, service_id: t.serviceId });
      expect(page.links.next).toBeNull();
    });

    it("pages through every sender once, without gaps or repeats", async () => {
      expect(await allPages(`${path(t)}?pageSize=2`, "sms_senders")).toEqual({ ids: t.smsSenderIds, pages: 3 });
    });

    it("400 for an after cursor that is another service's sender", async () => {
      const res = await adminFetch(`${path(t)}?after=${other.smsSenderIds[0]}`);
      expect(await problem(res)).toMatchObject({ status: 400, messages: ["after is not the id of a row in this list"] });
    });

    it("404 for a service of another organisation under ?organisationId=", async () => {
      const res = await adminFetch(`${path(t)}?organisationId=${other.organisationId}`);
      expect(await problem(res)).toMatchObject({ status: 404, messages: ["Service not found"] });
    });

    it("200 under the service's own ?organisationId=", async () => {
      expect((await adminFetch(`${path(t)}?organisationId=${t.organisationId}`)).status).toBe(200);
    });
  });

  describe("GET /sms-senders/{id}", () => {
    let t: Tenant;
    beforeAll(async () => {
      t = await createTenant({ smsSenders: [{ sms_sender: "Gemeente" }] });
    });

    it("answers the sender", async () => {
      const sender = await adminJson<Row>("GET", path(t, t.smsSenderIds[0]));
      expect(sender).toMatchObject({ id: t.smsSenderIds[0], service_id: t.serviceId, sms_sender: "Gemeente", is_default: true });
    });

    it.each([
      ["an unknown id", () => crypto.randomUUID()],
      ["not an id", () => "niet-een-id"],
      ["another service's sender", () => String(other.smsSenderIds[0])],
    ])("404 for %s", async (_name, id) => {
      expect(await problem(await adminFetch(path(t, id())))).toMatchObject({ status: 404, messages: ["SMS sender not found"] });
    });

    it("404 under another organisation's ?organisationId=", async () => {
      const res = await adminFetch(`${path(t, t.smsSenderIds[0])}?organisationId=${other.organisationId}`);
      expect(res.status).toBe(404);
    });
  });

  describe("PATCH /sms-senders/{id}", () => {
    let t: Tenant;
    let first: string;
    let second: string;
    let inbound: string;
    beforeAll(async () => {
      t = await createTenant({
        smsSenders: [{ sms_sender: "Gemeente" }, { sms_sender: "Parkeren" }, { sms_sender: "097 010 203 99", inbound_number: true }],
      });
      [first, second, inbound] = t.smsSenderIds as [string, string, string];
    });

    it("changes a sender's text and writes an audit row with the new text", async () => {
      const changed = await adminJson<Row>("PATCH", path(t, second), { sms_sender: "Parkeer" });
      expect(changed).toMatchObject({ id: second, sms_sender: "Parkeer", is_default: false });
      expect(await auditRows(second, "sms_sender.update")).toEqual([{ action: "sms_sender.update", details: { sms_sender: "Parkeer" } }]);
    });

    it("changing the default's text changes the service's sms_sender", async () => {
      const s = await createTenant({ smsSenders: [{ sms_sender: "Gemeente" }] });
      await adminJson("PATCH", path(s, s.smsSenderIds[0]), { sms_sender: "Stad" });
      expect(await serviceSender(s)).toBe("Stad");
    });

    it("is_default: true moves the default and the service's sms_sender, in one audited change", async () => {
      const s = await createTenant({ smsSenders: [{ sms_sender: "Gemeente" }, { sms_sender: "Parkeren" }] });
      const [a, b] = s.smsSenderIds as [string, string];
      expect(await adminJson<Row>("PATCH", path(s, b), { is_default: true })).toMatchObject({ is_default: true });
      expect(await defaults(s)).toEqual([b]);
      expect(await serviceSender(s)).toBe("Parkeren");
      expect(await auditRows(b, "sms_sender.update")).toEqual([{ action: "sms_sender.update", details: { is_default: true } }]);
      expect(await auditRows(a, "sms_sender.update")).toEqual([]);
    });

    it("a request that changes nothing writes nothing", async () => {
      const before = await state(t);
      const same = await adminJson<Row>("PATCH", path(t, first), { sms_sender: "Gemeente", is_default: true });
      expect(same).toMatchObject({ id: first, sms_sender: "Gemeente", is_default: true });
      expect(await state(t)).toEqual(before);
    });

    it("an inbound number may become the default", async () => {
      const s = await createTenant({ smsSenders: [{ sms_sender: "Gemeente" }, { sms_sender: "097 010 203 98", inbound_number: true }] });
      await adminJson("PATCH", path(s, s.smsSenderIds[1]), { is_default: true });
      expect(await serviceSender(s)).toBe("319701020398");
    });

    it.each([
      [
        "un-setting the default",
        () => first,
        { is_default: false },
        "A service must have a default SMS sender: make another sender the default instead",
      ],
      [
        "another sender's text (ignoring case)",
        () => second,
        { sms_sender: "GEMEENTE" },
        "This service already has the SMS sender 'GEMEENTE'",
      ],
      [
        "a new number for an inbound number",
        () => inbound,
        { sms_sender: "097 010 203 97" },
        "The number of an inbound number cannot be changed (replies are routed to it): add a new sender instead",
      ],
      ["a text that is no sender", () => second, { sms_sender: "X" }, "sms_sender must be between 3 and 11 characters long"],
      ["an unknown field", () => second, { inbound_number: true }, "Additional properties are not allowed (inbound_number was unexpected)"],
    ])("400 for %s, changing nothing", async (_name, id, body, message) => {
      const before = await state(t);
      expect(await problem(await patch(t, id(), body))).toMatchObject({ status: 400, messages: [message] });
      expect(await state(t)).toEqual(before);
    });

    it("404 for another service's sender, which stays as it was", async () => {
      const before = await state(other);
      expect((await patch(t, String(other.smsSenderIds[0]), { sms_sender: "Gekaapt" })).status).toBe(404);
      expect(await state(other)).toEqual(before);
    });

    it("404 under another organisation's ?organisationId=", async () => {
      const before = await state(t);
      const res = await adminFetch(`${path(t, second)}?organisationId=${other.organisationId}`, {
        method: "PATCH",
        body: { sms_sender: "Elders" },
      });
      expect(res.status).toBe(404);
      expect(await state(t)).toEqual(before);
    });
  });

  describe("DELETE /sms-senders/{id}", () => {
    let t: Tenant;
    beforeAll(async () => {
      t = await createTenant({
        smsSenders: [{ sms_sender: "Gemeente" }, { sms_sender: "Parkeren" }, { sms_sender: "097 010 203 96", inbound_number: true }],
      });
    });

    it("deletes a sender that is not the default, with an audit row", async () => {
      const s = await createTenant({ smsSenders: [{ sms_sender: "Gemeente" }, { sms_sender: "Parkeren" }] });
      const gone = String(s.smsSenderIds[1]);
      expect((await remove(s, gone)).status).toBe(204);
      expect((await adminFetch(path(s, gone))).status).toBe(404);
      expect(await auditRows(gone, "sms_sender.delete")).toEqual([{ action: "sms_sender.delete", details: {} }]);
      expect(await serviceSender(s)).toBe("Gemeente");
    });

    it.each([
      ["the default sender", 0, "Cannot delete the default SMS sender; make another the default first"],
      ["an inbound number", 2, "Cannot delete an inbound number: replies to it are routed to this service"],
    ])("400 for %s, changing nothing", async (_name, index, message) => {
      const before = await state(t);
      // `detail` whole: the message itself contains "; ", the separator readProblem splits on.
      expect(await problem(await remove(t, String(t.smsSenderIds[index])))).toMatchObject({ status: 400, detail: message });
      expect(await state(t)).toEqual(before);
    });

    it.each([
      ["an unknown id", () => crypto.randomUUID()],
      ["not an id", () => "niet-een-id"],
    ])("404 for %s", async (_name, id) => {
      expect((await remove(t, id())).status).toBe(404);
    });

    it("404 for another service's sender, which stays", async () => {
      const theirs = await adminJson<Row>("POST", path(other), { sms_sender: "Niet-mijn" });
      const before = await state(other);
      expect((await remove(t, theirs.id)).status).toBe(404);
      expect(await state(other)).toEqual(before);
    });

    it("404 under another organisation's ?organisationId=", async () => {
      const before = await state(t);
      const res = await adminFetch(`${path(t, t.smsSenderIds[1])}?organisationId=${other.organisationId}`, { method: "DELETE" });
      expect(res.status).toBe(404);
      expect(await state(t)).toEqual(before);
    });
  });

  describe("the public API after a change", () => {
    const send = (t: Tenant, extra: Record<string, unknown>) =>
      apiFetch("/v2/notifications/sms", t.keys.normal, {
        method: "POST",
        body: { phone_number: "06-12345678", template_id: t.smsTemplateId, personalisation: { naam: "Jan", code: "1" }, ...extra },
      });

    it("a deleted sms_sender_id gets Notify's unknown-sender error, though it was just used (and cached)", async () => {
      const s = await createTenant({ smsSenders: [{ sms_sender: "Gemeente" }, { sms_sender: "Parkeren" }] });
      const gone = String(s.smsSenderIds[1]);
      expect((await send(s, { sms_sender_id: gone })).status).toBe(201);
      expect((await remove(s, gone)).status).toBe(204);
      const res = await send(s, { sms_sender_id: gone });
      expect(res.status).toBe(400);
      expect((await readError(res)).messages).toEqual([`sms_sender_id ${gone} does not exist in database for service id ${s.serviceId}`]);
    });

    it("a message without sms_sender_id uses the new default at once", async () => {
      const s = await createTenant({ smsSenders: [{ sms_sender: "Gemeente" }, { sms_sender: "Parkeren" }] });
      expect(((await (await send(s, {})).json()) as { content: { from_number: string } }).content.from_number).toBe("Gemeente");
      await adminJson("PATCH", path(s, s.smsSenderIds[1]), { is_default: true });
      expect(((await (await send(s, {})).json()) as { content: { from_number: string } }).content.from_number).toBe("Parkeren");
    });
  });
});

describe("email reply-to addresses", () => {
  const path = (t: Tenant, id = "") => `${base(t)}/email-reply-to${id ? `/${id}` : ""}`;
  const patch = (t: Tenant, id: string, body: unknown) => adminFetch(path(t, id), { method: "PATCH", body });
  const remove = (t: Tenant, id: string) => adminFetch(path(t, id), { method: "DELETE" });
  const addresses = (n: number) => Array.from({ length: n }, (_, i) => ({ email_address: `balie${i}@gemeente.example.nl` }));

  describe("GET /email-reply-to", () => {
    let t: Tenant;
    beforeAll(async () => {
      t = await createTenant({ replyTos: addresses(5) });
    });

    it("lists the service's own addresses, oldest first", async () => {
      const page = await adminJson<{ email_reply_to: Row[]; links: Page["links"] }>("GET", path(t));
      expect(page.email_reply_to.map((r) => r.id)).toEqual(t.replyToIds);
      expect(page.email_reply_to[0]).toMatchObject({ email_address: "balie0@gemeente.example.nl", is_default: true });
      expect(page.links.next).toBeNull();
    });

    it("pages through every address once, without gaps or repeats", async () => {
      expect(await allPages(`${path(t)}?pageSize=2`, "email_reply_to")).toEqual({ ids: t.replyToIds, pages: 3 });
    });

    it("400 for an after cursor that is another service's address", async () => {
      expect((await adminFetch(`${path(t)}?after=${other.replyToIds[0]}`)).status).toBe(400);
    });

    it("404 for a service of another organisation under ?organisationId=", async () => {
      expect((await adminFetch(`${path(t)}?organisationId=${other.organisationId}`)).status).toBe(404);
    });
  });

  describe("GET /email-reply-to/{id}", () => {
    let t: Tenant;
    beforeAll(async () => {
      t = await createTenant({ replyTos: addresses(1) });
    });

    it("answers the address", async () => {
      expect(await adminJson<Row>("GET", path(t, t.replyToIds[0]))).toMatchObject({ id: t.replyToIds[0], service_id: t.serviceId });
    });

    it.each([
      ["an unknown id", () => crypto.randomUUID()],
      ["another service's address", () => String(other.replyToIds[0])],
    ])("404 for %s", async (_name, id) => {
      expect(await problem(await adminFetch(path(t, id())))).toMatchObject({ status: 404, messages: ["Email reply-to address not found"] });
    });

    it("404 under another organisation's ?organisationId=", async () => {
      expect((await adminFetch(`${path(t, t.replyToIds[0])}?organisationId=${other.organisationId}`)).status).toBe(404);
    });
  });

  describe("PATCH /email-reply-to/{id}", () => {
    let t: Tenant;
    beforeAll(async () => {
      t = await createTenant({ replyTos: addresses(2) });
    });

    it("changes the address; the audit row says so without the address", async () => {
      const id = String(t.replyToIds[1]);
      const changed = await adminJson<Row>("PATCH", path(t, id), { email_address: "loket@gemeente.example.nl" });
      expect(changed).toMatchObject({ id, email_address: "loket@gemeente.example.nl", is_default: false });
      expect(await auditRows(id, "email_reply_to.update")).toEqual([
        { action: "email_reply_to.update", details: { email_address_changed: true } },
      ]);
    });

    it("is_default: true moves the default", async () => {
      const s = await createTenant({ replyTos: addresses(2) });
      await adminJson("PATCH", path(s, s.replyToIds[1]), { is_default: true });
      const list = (await adminJson<{ email_reply_to: Row[] }>("GET", path(s))).email_reply_to;
      expect(list.filter((r) => r.is_default).map((r) => r.id)).toEqual([s.replyToIds[1]]);
      expect(await auditRows(String(s.replyToIds[1]), "email_reply_to.update")).toEqual([
        { action: "email_reply_to.update", details: { is_default: true } },
      ]);
    });

    it.each([
      [
        "un-setting the default",
        0,
        { is_default: false },
        "A service must have a default email reply-to address: make another address the default instead",
      ],
      [
        "another address of the service (ignoring case)",
        1,
        { email_address: "BALIE0@gemeente.example.nl" },
        "This service already uses 'BALIE0@gemeente.example.nl' as an email reply-to address",
      ],
      ["an invalid address", 1, { email_address: "geen-adres" }, "email_address Not a valid email address"],
    ])("400 for %s, changing nothing", async (_name, index, body, message) => {
      const before = await state(t);
      expect(await problem(await patch(t, String(t.replyToIds[index]), body))).toMatchObject({ status: 400, messages: [message] });
      expect(await state(t)).toEqual(before);
    });

    it("404 for another service's address, which stays as it was", async () => {
      const before = await state(other);
      expect((await patch(t, String(other.replyToIds[0]), { email_address: "kaper@example.nl" })).status).toBe(404);
      expect(await state(other)).toEqual(before);
    });
  });

  describe("DELETE /email-reply-to/{id}", () => {
    it("deletes an address that is not the default, with an audit row", async () => {
      const s = await createTenant({ replyTos: addresses(2) });
      const gone = String(s.replyToIds[1]);
      expect((await remove(s, gone)).status).toBe(204);
      expect((await adminFetch(path(s, gone))).status).toBe(404);
      expect(await auditRows(gone, "email_reply_to.delete")).toEqual([
        { action: "email_reply_to.delete", details: { was_default: false } },
      ]);
    });

    it("400 for the default while the service has other addresses, changing nothing", async () => {
      const s = await createTenant({ replyTos: addresses(2) });
      const before = await state(s);
      expect(await problem(await remove(s, String(s.replyToIds[0])))).toMatchObject({
        status: 400,
        detail: "Cannot delete the default email reply-to address; make another the default first",
      });
      expect(await state(s)).toEqual(before);
    });

    it("deletes the default when it is the service's only address (email may go without a reply-to)", async () => {
      const s = await createTenant({ replyTos: addresses(1) });
      expect((await remove(s, String(s.replyToIds[0]))).status).toBe(204);
      expect((await adminJson<{ email_reply_to: Row[] }>("GET", path(s))).email_reply_to).toEqual([]);
    });

    it("404 for another service's address, which stays", async () => {
      const s = await createTenant();
      const before = await state(other);
      expect((await remove(s, String(other.replyToIds[0]))).status).toBe(404);
      expect(await state(other)).toEqual(before);
    });

    it("a deleted email_reply_to_id gets Notify's unknown reply-to error in the public API", async () => {
      const s = await createTenant({ replyTos: addresses(2) });
      const gone = String(s.replyToIds[1]);
      const send = () =>
        apiFetch("/v2/notifications/email", s.keys.normal, {
          method: "POST",
          body: {
            email_address: "burger@example.nl",
            template_id: s.emailTemplateId,
            personalisation: { naam: "Jan" },
            email_reply_to_id: gone,
          },
        });
      expect((await send()).status).toBe(201);
      expect((await remove(s, gone)).status).toBe(204);
      const res = await send();
      expect(res.status).toBe(400);
      expect((await readError(res)).messages).toEqual([
        `email_reply_to_id ${gone} does not exist in database for service id ${s.serviceId}`,
      ]);
    });
  });
});

describe("GET /team-members", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await createTenant({
      teamMembers: [
        { email_address: "a@gemeente.example.nl" },
        { phone_number: "0611111111" },
        { email_address: "c@gemeente.example.nl", phone_number: "0622222222" },
      ],
    });
    await adminJson("POST", `${base(other)}/team-members`, { email_address: "ander@example.nl" });
  });
  const path = `/team-members`;

  it("lists the service's own members, oldest first", async () => {
    const page = await adminJson<{ team_members: Row[]; links: Page["links"] }>("GET", `${base(t)}${path}`);
    expect(page.team_members.map((m) => m.id)).toEqual(t.teamMemberIds);
    expect(page.team_members[1]).toMatchObject({ service_id: t.serviceId, email_address: null, phone_number: "+31611111111" });
    expect(page.links.next).toBeNull();
  });

  it("pages through every member once, without gaps or repeats", async () => {
    expect(await allPages(`${base(t)}${path}?pageSize=1`, "team_members")).toEqual({ ids: t.teamMemberIds, pages: 3 });
  });

  it("400 for an after cursor that is another service's member", async () => {
    const theirs = (await adminJson<{ team_members: Row[] }>("GET", `${base(other)}${path}`)).team_members[0]?.id;
    expect((await adminFetch(`${base(t)}${path}?after=${theirs}`)).status).toBe(400);
  });

  it.each([
    ["an unknown service", () => `/admin/v1/services/${crypto.randomUUID()}${path}`],
    ["a service of another organisation under ?organisationId=", () => `${base(t)}${path}?organisationId=${other.organisationId}`],
  ])("404 for %s", async (_name, target) => {
    expect((await adminFetch(target())).status).toBe(404);
  });
});
