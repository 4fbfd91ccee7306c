/** Admin API organisations (src/admin/v1/organisations/): create with audit, validation, list. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminFetch, adminJson, countRows, readProblem, uniqueName } from "../support/fixtures";

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
