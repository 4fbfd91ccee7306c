/**
 * Admin API organisations (src/admin/organisations/): create with audit, validation, list, get,
 * update (update-organisation.ts, patch-organisation.ts) and the send rate reaching the OrgGate
 * (send-rate-change.ts).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminFetch, adminJson, apiFetch, countRows, createTenant, readProblem, uniqueName } from "../support/fixtures";

type Organisation = { id: string; name: string; send_rate_per_minute: number | null };

const createOrganisation = (body: Record<string, unknown> = {}) =>
  adminJson<Organisation>("POST", "/admin/v1/organisations", { name: uniqueName("Gemeente Wijzig"), ...body });

/** The audit rows of one target, oldest first, with parsed details. */
async function auditRows(targetId: string): Promise<Record<string, unknown>[]> {
  const { results } = await env.DB.prepare("SELECT * FROM audit_log WHERE target_id = ? ORDER BY at, rowid").bind(targetId).all();
  return results.map((row) => ({ ...row, details: row.details === null ? null : JSON.parse(String(row.details)) }));
}

describe("POST /admin/v1/organisations", () => {
  it("creates an organisation", async () => {
    const name = uniqueName("Gemeente Utrecht");
    const res = await adminFetch("/admin/v1/organisations", { method: "POST", body: { name } });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name, send_rate_per_minute: null });
  });

  it("writes an audit row with the request id", async () => {
    const name = uniqueName("Gemeente Utrecht");
    const res = await adminFetch("/admin/v1/organisations", { method: "POST", body: { name }, headers: { "x-request-id": "req-org-1" } });
    const org = (await res.json()) as { id: string };
    const audit = await env.DB.prepare("SELECT * FROM audit_log WHERE target_id = ?").bind(org.id).first<Record<string, unknown>>();
    expect(audit).toMatchObject({
      actor: "bootstrap",
      action: "organisation.create",
      organisation_id: org.id,
      service_id: null,
      target_type: "organisation",
      request_id: "req-org-1",
    });
    expect(JSON.parse(String(audit?.details))).toEqual({ name, send_rate_per_minute: null });
  });

  it("accepts a send rate and trims the name", async () => {
    const name = uniqueName("Gemeente Rate");
    const org = await adminJson("POST", "/admin/v1/organisations", { name: `  ${name} `, send_rate_per_minute: 600 });
    expect(org).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name, send_rate_per_minute: 600 });
  });

  it("refuses a duplicate name (case-insensitive) with 400 and stores nothing", async () => {
    const name = uniqueName("Gemeente Dubbel");
    await adminJson("POST", "/admin/v1/organisations", { name });
    const before = [await countRows("organisations"), await countRows("audit_log")];
    const res = await adminFetch("/admin/v1/organisations", { method: "POST", body: { name: name.toUpperCase() } });
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({
      code: "BadRequestError",
      messages: [`An organisation named '${name.toUpperCase()}' already exists`],
    });
    expect([await countRows("organisations"), await countRows("audit_log")]).toEqual(before);
  });

  it.each([
    [{}, ["name is a required property"]],
    [{ name: "" }, ["name must not be empty"]],
    [{ name: "   " }, ["name must not be empty"]],
    [{ name: 42 }, ["name is not of type string"]],
    [{ name: "x".repeat(256) }, ["name must be at most 255 characters long"]],
    [{ name: "Gemeente X", colour: "blue" }, ["Additional properties are not allowed (colour was unexpected)"]],
    [{ name: "Gemeente Y", send_rate_per_minute: 0 }, ["send_rate_per_minute is less than the minimum of 1"]],
    [{ name: "Gemeente Z", send_rate_per_minute: 1.5 }, ["send_rate_per_minute is not of type integer"]],
    [["Gemeente"], ["Request body must be a JSON object"]],
  ])("400 ValidationError for %j", async (body, messages) => {
    const before = await countRows("organisations");
    const res = await adminFetch("/admin/v1/organisations", { method: "POST", body });
    expect(res.status).toBe(400);
    const error = await readProblem(res);
    expect(error.code).toBe("ValidationError");
    expect(error.messages).toEqual(messages);
    expect(await countRows("organisations")).toBe(before);
  });

  it.each([
    ["invalid JSON", "{not json"],
    ["an empty body", ""],
  ])("400 for %s", async (_name, body) => {
    const res = await adminFetch("/admin/v1/organisations", { method: "POST", body });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["Invalid JSON supplied in POST data"]);
  });

  it("413 for a body over MAX_BODY_BYTES", async () => {
    const res = await adminFetch("/admin/v1/organisations", { method: "POST", body: { name: "x".repeat(1_100_000) } });
    expect(res.status).toBe(413);
  });
});

describe("GET /admin/v1/organisations", () => {
  it("lists organisations, oldest first", async () => {
    const a = await adminJson<{ id: string }>("POST", "/admin/v1/organisations", { name: uniqueName("Lijst A") });
    const b = await adminJson<{ id: string }>("POST", "/admin/v1/organisations", { name: uniqueName("Lijst B") });
    const { organisations } = await adminJson<{ organisations: { id: string; name: string }[] }>("GET", "/admin/v1/organisations");
    const ids = organisations.map((o) => o.id);
    expect(ids.filter((id) => id === a.id || id === b.id)).toEqual([a.id, b.id]);
    expect(organisations.length).toBe(await countRows("organisations"));
  });
});

describe("GET /admin/v1/organisations/{organisation_id}", () => {
  it("returns the organisation as POST created it", async () => {
    const org = await createOrganisation({ send_rate_per_minute: 1200 });
    expect(await adminJson("GET", `/admin/v1/organisations/${org.id}`)).toEqual(org);
  });

  it("accepts an upper-case id", async () => {
    const org = await createOrganisation();
    expect(await adminJson("GET", `/admin/v1/organisations/${org.id.toUpperCase()}`)).toEqual(org);
  });

  it.each([
    ["unknown", () => crypto.randomUUID()],
    ["malformed", () => "not-a-uuid"],
  ])("404 for an %s id", async (_name, id) => {
    const res = await adminFetch(`/admin/v1/organisations/${id()}`);
    expect(res.status).toBe(404);
    expect(await readProblem(res)).toMatchObject({ code: "NoResultFound", messages: ["Organisation not found"] });
  });
});

describe("PATCH /admin/v1/organisations/{organisation_id}", () => {
  const patch = (id: string, body: unknown) => adminFetch(`/admin/v1/organisations/${id}`, { method: "PATCH", body });

  it("changes the name and returns the organisation; GET shows the change", async () => {
    const org = await createOrganisation({ send_rate_per_minute: 600 });
    const name = uniqueName("Gemeente Nieuw");
    const res = await patch(org.id, { name });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...org, name });
    expect(await adminJson("GET", `/admin/v1/organisations/${org.id}`)).toEqual({ ...org, name });
  });

  it("audits only the fields that changed, with the actor and from/to", async () => {
    const org = await createOrganisation({ send_rate_per_minute: 600 });
    const name = uniqueName("Gemeente Audit");
    await adminFetch(`/admin/v1/organisations/${org.id}`, {
      method: "PATCH",
      body: { name, send_rate_per_minute: 600 },
      headers: { "x-request-id": "req-org-patch" },
    });
    const [, update] = await auditRows(org.id);
    expect(update).toMatchObject({
      actor: "bootstrap",
      action: "organisation.update",
      organisation_id: org.id,
      service_id: null,
      target_type: "organisation",
      request_id: "req-org-patch",
      details: { name: { from: org.name, to: name } },
    });
  });

  it("sets a send rate, and null returns it to the deployment default", async () => {
    const org = await createOrganisation();
    expect(await adminJson("PATCH", `/admin/v1/organisations/${org.id}`, { send_rate_per_minute: 900 })).toEqual({
      ...org,
      send_rate_per_minute: 900,
    });
    expect(await adminJson("PATCH", `/admin/v1/organisations/${org.id}`, { send_rate_per_minute: null })).toEqual(org);
    expect((await auditRows(org.id)).slice(1).map((row) => row.details)).toEqual([
      { send_rate_per_minute: { from: null, to: 900 } },
      { send_rate_per_minute: { from: 900, to: null } },
    ]);
  });

  it("hands a changed send rate to the organisation's OrgGate at once", async () => {
    const org = await createOrganisation({ send_rate_per_minute: 600 });
    const gate = env.ORG_GATE.getByName(org.id);
    await adminJson("PATCH", `/admin/v1/organisations/${org.id}`, { send_rate_per_minute: 120 });
    expect((await gate.stats()).sendRatePerMinute).toBe(120);
    await adminJson("PATCH", `/admin/v1/organisations/${org.id}`, { send_rate_per_minute: null });
    expect((await gate.stats()).sendRatePerMinute).toBe(Number(env.DEFAULT_ORG_SEND_RATE));
  });

  it("makes the API's next send carry the new rate (this isolate's cached credentials are dropped)", async () => {
    const t = await createTenant({ sendRatePerMinute: 600 });
    const send = () =>
      apiFetch("/v2/notifications/sms", t.keys.normal, {
        method: "POST",
        body: { phone_number: "0612345678", template_id: t.smsTemplateId, personalisation: { naam: "A", code: "1" } },
      });
    expect((await send()).status).toBe(201);
    await adminJson("PATCH", `/admin/v1/organisations/${t.organisationId}`, { send_rate_per_minute: 240 });
    expect((await send()).status).toBe(201);
    expect((await env.ORG_GATE.getByName(t.organisationId).stats()).sendRatePerMinute).toBe(240);
  });

  it("allows a new case of its own name", async () => {
    const org = await createOrganisation();
    expect(await adminJson("PATCH", `/admin/v1/organisations/${org.id}`, { name: org.name.toUpperCase() })).toEqual({
      ...org,
      name: org.name.toUpperCase(),
    });
  });

  it("changes nothing and writes no audit row when every value is the current one", async () => {
    const org = await createOrganisation({ send_rate_per_minute: 600 });
    const before = await countRows("audit_log");
    expect(await adminJson("PATCH", `/admin/v1/organisations/${org.id}`, { name: org.name, send_rate_per_minute: 600 })).toEqual(org);
    expect(await countRows("audit_log")).toBe(before);
  });

  it("refuses another organisation's name (case-insensitively), changing nothing", async () => {
    const taken = await createOrganisation();
    const org = await createOrganisation();
    const before = await countRows("audit_log");
    const res = await patch(org.id, { name: taken.name.toLowerCase(), send_rate_per_minute: 5 });
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({
      code: "BadRequestError",
      messages: [`An organisation named '${taken.name.toLowerCase()}' already exists`],
    });
    expect(await adminJson("GET", `/admin/v1/organisations/${org.id}`)).toEqual(org);
    expect(await countRows("audit_log")).toBe(before);
  });

  it.each([
    [{}, ["Give at least one field to change"]],
    [{ name: "" }, ["name must not be empty"]],
    [{ name: 7 }, ["name is not of type string"]],
    [{ send_rate_per_minute: 0 }, ["send_rate_per_minute is less than the minimum of 1"]],
    [{ send_rate_per_minute: 10_000_001 }, ["send_rate_per_minute is greater than the maximum of 10000000"]],
    [{ send_rate_per_minute: 1.5 }, ["send_rate_per_minute is not of type integer"]],
    [{ send_rate_per_minute: "fast" }, ["send_rate_per_minute is not of type integer"]],
    [{ name: "Gemeente Q", colour: "blue" }, ["Additional properties are not allowed (colour was unexpected)"]],
  ])("400 ValidationError for %j, changing nothing", async (body, messages) => {
    const org = await createOrganisation({ send_rate_per_minute: 600 });
    const before = await countRows("audit_log");
    const res = await patch(org.id, body);
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({ code: "ValidationError", messages });
    expect(await adminJson("GET", `/admin/v1/organisations/${org.id}`)).toEqual(org);
    expect(await countRows("audit_log")).toBe(before);
  });

  it.each([
    ["unknown", () => crypto.randomUUID()],
    ["malformed", () => "not-a-uuid"],
  ])("404 for an %s id, writing nothing", async (_name, id) => {
    const before = [await countRows("organisations"), await countRows("audit_log")];
    const res = await patch(id(), { name: uniqueName("Wees") });
    expect(res.status).toBe(404);
    expect(await readProblem(res)).toMatchObject({ code: "NoResultFound", messages: ["Organisation not found"] });
    expect([await countRows("organisations"), await countRows("audit_log")]).toEqual(before);
  });
});
