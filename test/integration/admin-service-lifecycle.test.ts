/**
 * The lifecycle of services in the admin API: listing (src/admin/services/list-services.ts) and
 * changing a service (patch-service.ts, update-service.ts) with its audit rows, and the effects of
 * a change on the public API at once: suspension (src/api/v2/authenticate.ts), going live
 * (trial mode in src/notifications/send-context.ts) and lowered limits (src/gate/org-gate.do.ts).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminFetch,
  adminJson,
  apiFetch,
  countRows,
  createTenant,
  readError,
  readProblem,
  type Tenant,
  uniqueName,
} from "../support/fixtures";

type Service = Record<string, unknown> & { id: string; name: string; updated_at: string };

let orgId = "";
let otherOrgId = "";

beforeAll(async () => {
  orgId = (await adminJson<{ id: string }>("POST", "/admin/v1/organisations", { name: uniqueName("Gemeente Levensloop") })).id;
  otherOrgId = (await adminJson<{ id: string }>("POST", "/admin/v1/organisations", { name: uniqueName("Gemeente Elders") })).id;
});

const createService = (body: Record<string, unknown> = {}, organisationId = orgId) =>
  adminJson<Service>("POST", "/admin/v1/services", { organisation_id: organisationId, name: uniqueName("Dienst"), ...body });

const patch = (id: string, body: unknown, query = "") => adminFetch(`/admin/v1/services/${id}${query}`, { method: "PATCH", body });

/** The audit rows of a service after its creation, oldest first, with parsed details. */
async function changeAudits(serviceId: string): Promise<Record<string, unknown>[]> {
  const { results } = await env.DB.prepare("SELECT * FROM audit_log WHERE target_id = ? AND action != 'service.create' ORDER BY at, rowid")
    .bind(serviceId)
    .all();
  return results.map((row) => ({ ...row, details: JSON.parse(String(row.details)) }));
}

describe("GET /admin/v1/services", () => {
  type Page = { services: Service[]; links: { next: string | null } };
  const listAll = async (first: string): Promise<{ ids: string[]; pages: number }> => {
    const ids: string[] = [];
    let pages = 0;
    for (let next: string | null = first; next; pages++) {
      const page: Page = await adminJson<Page>("GET", next.replace(/^https?:\/\/[^/]+/, ""));
      ids.push(...page.services.map((s) => s.id));
      next = page.links.next;
    }
    return { ids, pages };
  };

  it("lists an organisation's services, oldest first, as the service object", async () => {
    const org = (await adminJson<{ id: string }>("POST", "/admin/v1/organisations", { name: uniqueName("Gemeente Lijst") })).id;
    const created = [await createService({}, org), await createService({}, org), await createService({}, org)];
    expect(await adminJson("GET", `/admin/v1/services?organisationId=${org}`)).toEqual({ services: created, links: { next: null } });
  });

  it("pages through an organisation's services without gaps or repeats", async () => {
    const org = (await adminJson<{ id: string }>("POST", "/admin/v1/organisations", { name: uniqueName("Gemeente Pagina") })).id;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createService({}, org)).id);
    expect(await listAll(`/admin/v1/services?organisationId=${org}&pageSize=2`)).toEqual({ ids: created, pages: 3 });
  });

  it("pages through every service without gaps or repeats when not filtered", async () => {
    const { ids } = await listAll("/admin/v1/services?pageSize=3");
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await countRows("services"));
  });

  it("is an empty list for an unknown organisation", async () => {
    expect(await adminJson("GET", `/admin/v1/services?organisationId=${crypto.randomUUID()}`)).toEqual({
      services: [],
      links: { next: null },
    });
  });

  it("refuses a cursor from another organisation's list", async () => {
    const elsewhere = await createService({}, otherOrgId);
    const res = await adminFetch(`/admin/v1/services?organisationId=${orgId}&after=${elsewhere.id}`);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["after is not the id of a row in this list"]);
  });

  it.each([
    ["organisationId=nope", ["organisationId is not a valid id"]],
    ["pageSize=0", ["pageSize must be a whole number from 1 to 500"]],
    ["colour=blue", ["Unknown query parameters are not allowed (colour was unexpected)"]],
  ])("400 for ?%s", async (query, messages) => {
    const res = await adminFetch(`/admin/v1/services?${query}`);
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({ code: "ValidationError", messages });
  });
});

describe("PATCH /admin/v1/services/{service_id}", () => {
  it("changes the given settings, keeps the others and updates updated_at; GET shows the change", async () => {
    const service = await createService();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const changes = {
      name: uniqueName("Hernoemd"),
      sms_sender: "Gemeente",
      email_from: "post@gemeente.example.nl",
      rate_limit: 50,
      sms_daily_limit: 10,
      email_daily_limit: 0,
      retention_days: 30,
      permissions: ["sms", "international_sms"],
    };
    const updated = await adminJson<Service>("PATCH", `/admin/v1/services/${service.id}`, changes);
    expect(updated).toEqual({ ...service, ...changes, updated_at: expect.any(String) });
    expect(updated.updated_at > service.updated_at).toBe(true);
    expect(await adminJson("GET", `/admin/v1/services/${service.id}`)).toEqual(updated);
  });

  it("audits service.update with from/to of the changed fields only, and the actor", async () => {
    const service = await createService({ rate_limit: 100, retention_days: 7 });
    await adminFetch(`/admin/v1/services/${service.id}`, {
      method: "PATCH",
      body: { rate_limit: 20, retention_days: 7 },
      headers: { "x-request-id": "req-svc-patch" },
    });
    expect(await changeAudits(service.id)).toEqual([
      expect.objectContaining({
        actor: "bootstrap",
        action: "service.update",
        organisation_id: orgId,
        service_id: service.id,
        target_type: "service",
        request_id: "req-svc-patch",
        details: { rate_limit: { from: 100, to: 20 } },
      }),
    ]);
  });

  it("records going live as service.go_live", async () => {
    const service = await createService({ restricted: true });
    expect(await adminJson("PATCH", `/admin/v1/services/${service.id}`, { restricted: false })).toMatchObject({ restricted: false });
    expect((await changeAudits(service.id)).map((row) => [row.action, row.details])).toEqual([
      ["service.go_live", { restricted: { from: true, to: false } }],
    ]);
  });

  it("records suspension and resumption as service.suspend and service.resume", async () => {
    const service = await createService();
    expect(await adminJson("PATCH", `/admin/v1/services/${service.id}`, { active: false })).toMatchObject({ active: false });
    expect(await adminJson("PATCH", `/admin/v1/services/${service.id}`, { active: true })).toMatchObject({ active: true });
    expect((await changeAudits(service.id)).map((row) => [row.action, row.details])).toEqual([
      ["service.suspend", { active: { from: true, to: false } }],
      ["service.resume", { active: { from: false, to: true } }],
    ]);
  });

  it("writes go-live and the other changes of one request as separate rows", async () => {
    const service = await createService({ restricted: true, rate_limit: 100 });
    await adminJson("PATCH", `/admin/v1/services/${service.id}`, { restricted: false, rate_limit: 10 });
    expect((await changeAudits(service.id)).map((row) => [row.action, row.details])).toEqual([
      ["service.go_live", { restricted: { from: true, to: false } }],
      ["service.update", { rate_limit: { from: 100, to: 10 } }],
    ]);
  });

  it("records a return to trial mode as service.update", async () => {
    const service = await createService({ restricted: false });
    await adminJson("PATCH", `/admin/v1/services/${service.id}`, { restricted: true });
    expect((await changeAudits(service.id)).map((row) => [row.action, row.details])).toEqual([
      ["service.update", { restricted: { from: false, to: true } }],
    ]);
  });

  it("changes nothing, not even updated_at, when every value is the current one", async () => {
    const service = await createService({ permissions: ["sms", "email"] });
    const before = await countRows("audit_log");
    const same = { name: service.name, restricted: service.restricted, active: true, permissions: ["email", "sms", "sms"] };
    expect(await adminJson("PATCH", `/admin/v1/services/${service.id}`, same)).toEqual(service);
    expect(await countRows("audit_log")).toBe(before);
  });

  it("allows a new case of its own name and a name used in another organisation", async () => {
    const service = await createService();
    const elsewhere = await createService({}, otherOrgId);
    expect(await adminJson("PATCH", `/admin/v1/services/${service.id}`, { name: service.name.toUpperCase() })).toMatchObject({
      name: service.name.toUpperCase(),
    });
    expect(await adminJson("PATCH", `/admin/v1/services/${service.id}`, { name: elsewhere.name })).toMatchObject({ name: elsewhere.name });
  });

  it("refuses the name of another service of the organisation (case-insensitively), changing nothing", async () => {
    const taken = await createService();
    const service = await createService();
    const before = await countRows("audit_log");
    const res = await patch(service.id, { name: taken.name.toLowerCase(), rate_limit: 1 });
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({
      code: "BadRequestError",
      messages: [`A service named '${taken.name.toLowerCase()}' already exists in this organisation`],
    });
    expect(await adminJson("GET", `/admin/v1/services/${service.id}`)).toEqual(service);
    expect(await countRows("audit_log")).toBe(before);
  });

  it.each([
    [{}, ["Give at least one field to change"]],
    [{ name: "" }, ["name must not be empty"]],
    [{ rate_limit: 0 }, ["rate_limit is less than the minimum of 1"]],
    [{ rate_limit: -5 }, ["rate_limit is less than the minimum of 1"]],
    [{ sms_daily_limit: -1 }, ["sms_daily_limit is less than the minimum of 0"]],
    [{ email_daily_limit: -1 }, ["email_daily_limit is less than the minimum of 0"]],
    [{ email_daily_limit: 2.5 }, ["email_daily_limit is not of type integer"]],
    [{ retention_days: 2 }, ["retention_days is less than the minimum of 3"]],
    [{ retention_days: 91 }, ["retention_days is greater than the maximum of 90"]],
    [{ restricted: "no" }, ["restricted is not of type boolean"]],
    [{ active: 0 }, ["active is not of type boolean"]],
    [{ sms_sender: "AB" }, ["sms_sender must be between 3 and 11 characters long"]],
    [{ email_from: "not an email" }, ["email_from Not a valid email address"]],
    [{ permissions: ["sms", "letter"] }, ["permissions.1 is not one of [sms, email, international_sms]"]],
    [{ organisation_id: otherOrgId }, ["Additional properties are not allowed (organisation_id was unexpected)"]],
    [{ rate_limit: 5, retention_days: 1 }, ["retention_days is less than the minimum of 3"]],
  ])("400 ValidationError for %j, changing nothing", async (body, messages) => {
    const service = await createService();
    const before = await countRows("audit_log");
    const res = await patch(service.id, body);
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({ code: "ValidationError", messages });
    expect(await adminJson("GET", `/admin/v1/services/${service.id}`)).toEqual(service);
    expect(await countRows("audit_log")).toBe(before);
  });

  it.each([
    ["an unknown id", () => crypto.randomUUID(), ""],
    ["a malformed id", () => "nope", ""],
  ])("404 for %s, writing nothing", async (_name, id, query) => {
    const before = await countRows("audit_log");
    const res = await patch(id(), { rate_limit: 1 }, query);
    expect(res.status).toBe(404);
    expect(await readProblem(res)).toMatchObject({ code: "NoResultFound", messages: ["Service not found"] });
    expect(await countRows("audit_log")).toBe(before);
  });

  it("treats a service of another organisation as unknown under ?organisationId=, changing nothing", async () => {
    const service = await createService();
    const before = await countRows("audit_log");
    const res = await patch(service.id, { active: false }, `?organisationId=${otherOrgId}`);
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Service not found"]);
    expect(await adminJson("GET", `/admin/v1/services/${service.id}`)).toEqual(service);
    expect(await countRows("audit_log")).toBe(before);
  });

  it("changes a service of the organisation named in ?organisationId=", async () => {
    const service = await createService();
    const res = await patch(service.id, { rate_limit: 9 }, `?organisationId=${orgId}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: service.id, rate_limit: 9 });
  });
});

describe("a change takes effect on the public API at once", () => {
  const sms = (t: Tenant, phone = "0612345678") => ({
    phone_number: phone,
    template_id: t.smsTemplateId,
    personalisation: { naam: "A", code: "1" },
  });
  const postSms = (t: Tenant, phone?: string) => apiFetch("/v2/notifications/sms", t.keys.normal, { method: "POST", body: sms(t, phone) });
  const change = (t: Tenant, body: Record<string, unknown>) => adminJson("PATCH", `/admin/v1/services/${t.serviceId}`, body);

  it("a suspended service's key is refused with 403, and works again once resumed", async () => {
    const t = await createTenant();
    expect((await postSms(t)).status).toBe(201); // the credentials are now cached in this isolate
    await change(t, { active: false });
    const refused = await apiFetch("/v2/notifications", t.keys.normal);
    expect(refused.status).toBe(403);
    expect(await readError(refused)).toMatchObject({ errors: [{ error: "AuthError", message: "Invalid token: service is archived" }] });
    await change(t, { active: true });
    expect((await apiFetch("/v2/notifications", t.keys.normal)).status).toBe(200);
  });

  it("a service that goes live may send to anyone", async () => {
    const t = await createTenant({ restricted: true, teamMembers: [{ phone_number: "0611111111" }] });
    expect((await postSms(t)).status).toBe(400); // trial mode: not a team member
    await change(t, { restricted: false });
    expect((await postSms(t)).status).toBe(201);
  });

  it("a lowered rate limit is enforced", async () => {
    const t = await createTenant({ rateLimit: 1000 });
    expect((await postSms(t)).status).toBe(201);
    await change(t, { rate_limit: 3 });
    // A new bucket for the new limit: its burst of ceil(3/3)+1 = 2 requests, then 429.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postSms(t)).status);
    expect(statuses).toEqual([201, 201, 429]);
  });

  it("a lowered daily limit counts what was sent today", async () => {
    const t = await createTenant({ smsDailyLimit: 1000 });
    for (let i = 0; i < 2; i++) expect((await postSms(t)).status).toBe(201);
    await change(t, { sms_daily_limit: 3 });
    expect((await postSms(t)).status).toBe(201);
    const over = await postSms(t);
    expect(over.status).toBe(429);
    expect(await readError(over)).toMatchObject({ errors: [{ message: "Exceeded send limits (sms: 3) for today" }] });
  });
});
