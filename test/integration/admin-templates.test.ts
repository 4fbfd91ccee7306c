/** Admin API templates (src/admin/templates/): create, validation, versioned updates, reading versions, scoping. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminFetch, adminJson, countRows, createTenant, readProblem, type Tenant } from "../support/fixtures";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A template as the admin API answers it, all of it; a test pins the values it set. */
const aTemplate = (values: Record<string, unknown>) => ({
  id: expect.stringMatching(/^[0-9a-f-]{36}$/),
  service_id: expect.any(String),
  name: expect.any(String),
  type: expect.any(String),
  subject: null,
  body: expect.any(String),
  priority: "normal",
  version: 1,
  archived: false,
  retry_failed: null,
  created_by: "bootstrap",
  created_at: expect.stringMatching(TIMESTAMP),
  updated_at: null,
  ...values,
});

type Template = Record<string, unknown> & { id: string; created_at: string };

let tenant: Tenant;
let other: Tenant;
const templatesPath = () => `/admin/v1/services/${tenant.serviceId}/templates`;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
});

describe("POST /admin/v1/services/{id}/templates", () => {
  describe("an SMS template", () => {
    let template: Template;
    beforeAll(async () => {
      template = await adminJson<Template>("POST", templatesPath(), {
        name: "Herinnering",
        type: "sms",
        body: "Beste ((naam)), tot morgen.",
      });
    });

    it("is created at version 1, priority normal, without a subject", () => {
      expect(template).toEqual(
        aTemplate({ service_id: tenant.serviceId, name: "Herinnering", type: "sms", body: "Beste ((naam)), tot morgen." }),
      );
    });

    it("gets its template_versions row", async () => {
      const versions = await env.DB.prepare("SELECT * FROM template_versions WHERE template_id = ?").bind(template.id).all();
      expect(versions.results).toEqual([
        expect.objectContaining({ version: 1, body: "Beste ((naam)), tot morgen.", service_id: tenant.serviceId }),
      ]);
    });

    it("gets an audit row", async () => {
      const audits = await env.DB.prepare("SELECT action FROM audit_log WHERE target_id = ?").bind(template.id).all();
      expect(audits.results).toEqual([{ action: "template.create" }]);
    });
  });

  it("creates an email template with subject and priority, keeping the body as written", async () => {
    const body = "# Kop\n\nBeste ((naam)),\n\n* punt een\n* punt twee\n";
    const template = await adminJson<Template>("POST", templatesPath(), {
      name: "Brief",
      type: "email",
      subject: "Uw ((onderwerp))",
      body,
      priority: "priority",
    });
    expect(template).toEqual(
      aTemplate({ service_id: tenant.serviceId, name: "Brief", type: "email", subject: "Uw ((onderwerp))", body, priority: "priority" }),
    );
  });

  it.each([
    [{ name: "E", type: "email", body: "b" }, ["subject is a required property"]],
    [{ name: "S", type: "sms", subject: "s", body: "b" }, ["subject is not allowed for an sms template"]],
    [{ name: "S", type: "sms", body: "x".repeat(919) }, ["body has a character count greater than the limit of 918"]],
    [{ name: "S", type: "letter", body: "b" }, ["type is not one of [sms, email]"]],
    [{ name: "S", type: "sms", body: "  " }, ["body must not be empty"]],
    [{ name: "S", type: "sms", body: "b", priority: "urgent" }, ["priority is not one of [priority, normal, bulk]"]],
    [{ type: "sms" }, ["name is a required property", "body is a required property"]],
  ])("400 for %j, storing nothing", async (body, messages) => {
    const before = [await countRows("templates"), await countRows("template_versions"), await countRows("audit_log")];
    const res = await adminFetch(templatesPath(), { method: "POST", body });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(messages);
    expect([await countRows("templates"), await countRows("template_versions"), await countRows("audit_log")]).toEqual(before);
  });

  it("accepts an SMS body of exactly 918 characters", async () => {
    expect((await adminFetch(templatesPath(), { method: "POST", body: { name: "Lang", type: "sms", body: "x".repeat(918) } })).status).toBe(
      201,
    );
  });

  it("404 for an unknown service", async () => {
    const res = await adminFetch(`/admin/v1/services/${crypto.randomUUID()}/templates`, {
      method: "POST",
      body: { name: "n", type: "sms", body: "b" },
    });
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Service not found"]);
  });
});

describe("PUT /admin/v1/services/{id}/templates/{template_id}", () => {
  describe("a template changed twice", () => {
    let v1: Template;
    let v2: Template;
    let v3: Template;
    let path: string;
    beforeAll(async () => {
      v1 = await adminJson<Template>("POST", templatesPath(), { name: "Versies", type: "email", subject: "Eerste", body: "Een" });
      path = `${templatesPath()}/${v1.id}`;
      v2 = await adminJson<Template>("PUT", path, { body: "Twee" });
      v3 = await adminJson<Template>("PUT", path, { subject: "Derde", priority: "bulk", name: "Versies 3" });
    });

    it("bumps the version on each change, keeping created_at and setting updated_at", () => {
      expect(v2).toEqual({ ...v1, version: 2, body: "Twee", updated_at: expect.stringMatching(TIMESTAMP) });
    });

    it("keeps the fields a change leaves out", () => {
      expect(v3).toEqual({
        ...v2,
        version: 3,
        subject: "Derde",
        priority: "bulk",
        name: "Versies 3",
        updated_at: expect.stringMatching(TIMESTAMP),
      });
    });

    it("GET returns the latest version", async () => {
      expect(await adminJson<Template>("GET", path)).toEqual(v3);
    });

    it("GET ?version= returns an old version as it was", async () => {
      expect(await adminJson<Template>("GET", `${path}?version=1`)).toEqual(v1);
      expect(await adminJson<Template>("GET", `${path}?version=2`)).toMatchObject({ version: 2, body: "Twee", subject: "Eerste" });
    });

    it("stores a template_versions row per version", async () => {
      const rows = await env.DB.prepare("SELECT version FROM template_versions WHERE template_id = ? ORDER BY version").bind(v1.id).all();
      expect(rows.results).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    });

    it("writes an audit row per change, naming what changed", async () => {
      const audits = await env.DB.prepare("SELECT action, details FROM audit_log WHERE target_id = ? ORDER BY at, rowid").bind(v1.id).all();
      expect(audits.results.map((r) => r.action)).toEqual(["template.create", "template.update", "template.update"]);
      expect(JSON.parse(String(audits.results[2]?.details))).toEqual({ changed: ["name", "subject", "priority"], version: 3 });
    });
  });

  it.each([
    ["the same values", { body: "Zelfde", name: "Gelijk" }],
    ["an empty change", {}],
  ])("does not bump the version for %s", async (_name, change) => {
    const v1 = await adminJson<Template>("POST", templatesPath(), { name: "Gelijk", type: "sms", body: "Zelfde" });
    const before = [await countRows("template_versions"), await countRows("audit_log")];
    expect(await adminJson<Template>("PUT", `${templatesPath()}/${v1.id}`, change)).toEqual(v1);
    expect([await countRows("template_versions"), await countRows("audit_log")]).toEqual(before);
  });

  describe("an invalid change", () => {
    let sms: Template;
    beforeAll(async () => {
      sms = await adminJson<Template>("POST", templatesPath(), { name: "Fout", type: "sms", body: "b" });
    });

    it.each([
      [{ subject: "Onderwerp" }, ["subject is not allowed for an sms template"]],
      [{ type: "email" }, ["Additional properties are not allowed (type was unexpected)"]],
      [{ body: "" }, ["body must not be empty"]],
      [{ priority: 1 }, ["priority is not one of [priority, normal, bulk]"]],
    ])("%j is 400, storing nothing and leaving the version", async (body, messages) => {
      const before = [await countRows("template_versions"), await countRows("audit_log")];
      const res = await adminFetch(`${templatesPath()}/${sms.id}`, { method: "PUT", body });
      expect(res.status).toBe(400);
      expect((await readProblem(res)).messages).toEqual(messages);
      expect([await countRows("template_versions"), await countRows("audit_log")]).toEqual(before);
      expect((await adminJson<Template>("GET", `${templatesPath()}/${sms.id}`)).version).toBe(1);
    });
  });

  it.each([
    ["an unknown template", () => crypto.randomUUID()],
    ["a malformed id", () => "x"],
    ["another service's template", () => other.smsTemplateId],
  ])("404 for %s", async (_name, id) => {
    const res = await adminFetch(`${templatesPath()}/${id()}`, { method: "PUT", body: { body: "nieuw" } });
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Template not found"]);
  });
});

describe("GET /admin/v1/services/{id}/templates/{template_id}", () => {
  const path = () => `${templatesPath()}/${tenant.smsTemplateId}`;

  it("404 for a version that does not exist", async () => {
    expect((await adminFetch(`${path()}?version=2`)).status).toBe(404);
  });

  it("400 for version 0", async () => {
    const zero = await adminFetch(`${path()}?version=0`);
    expect(zero.status).toBe(400);
    expect((await readProblem(zero)).messages).toEqual(["version is not a version number (1 or more)"]);
  });

  it("400 for a version that is not a number", async () => {
    expect((await adminFetch(`${path()}?version=one`)).status).toBe(400);
  });

  it("does not show another service's template", async () => {
    expect((await adminFetch(`${templatesPath()}/${other.emailTemplateId}`)).status).toBe(404);
    expect((await adminFetch(`/admin/v1/services/${other.serviceId}/templates/${other.emailTemplateId}`)).status).toBe(200);
  });
});
