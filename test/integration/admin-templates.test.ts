import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminFetch, adminJson, countRows, createTenant, readError, type Tenant } from "../support/fixtures";

interface Template {
  id: string;
  service_id: string;
  name: string;
  type: "sms" | "email";
  subject: string | null;
  body: string;
  priority: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string | null;
}

let tenant: Tenant;
let other: Tenant;
const templatesPath = () => `/admin/services/${tenant.serviceId}/templates`;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
});

describe("POST /admin/services/{id}/templates", () => {
  it("creates an SMS template at version 1 with a template_versions row", async () => {
    const template = await adminJson<Template>("POST", templatesPath(), {
      name: "Herinnering",
      type: "sms",
      body: "Beste ((naam)), tot morgen.",
    });
    expect(template).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      service_id: tenant.serviceId,
      name: "Herinnering",
      type: "sms",
      subject: null,
      body: "Beste ((naam)), tot morgen.",
      priority: "normal",
      version: 1,
      created_by: "admin",
      created_at: expect.stringMatching(/Z$/),
      updated_at: null,
    });
    const versions = await env.DB.prepare("SELECT * FROM template_versions WHERE template_id = ?").bind(template.id).all();
    expect(versions.results).toHaveLength(1);
    expect(versions.results[0]).toMatchObject({ version: 1, body: template.body, service_id: tenant.serviceId });
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE target_id = ?").bind(template.id).first();
    expect(audit?.action).toBe("template.create");
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
    expect(template).toMatchObject({ type: "email", subject: "Uw ((onderwerp))", body, priority: "priority", version: 1 });
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
    expect((await readError(res)).messages).toEqual(messages);
    expect([await countRows("templates"), await countRows("template_versions"), await countRows("audit_log")]).toEqual(before);
  });

  it("accepts an SMS body of exactly 918 characters", async () => {
    expect((await adminFetch(templatesPath(), { method: "POST", body: { name: "Lang", type: "sms", body: "x".repeat(918) } })).status).toBe(
      201,
    );
  });

  it("404 for an unknown service", async () => {
    const res = await adminFetch(`/admin/services/${crypto.randomUUID()}/templates`, {
      method: "POST",
      body: { name: "n", type: "sms", body: "b" },
    });
    expect(res.status).toBe(404);
  });
});

describe("PUT /admin/services/{id}/templates/{template_id}", () => {
  it("bumps the version on a change and keeps old versions readable", async () => {
    const v1 = await adminJson<Template>("POST", templatesPath(), { name: "Versies", type: "email", subject: "Eerste", body: "Een" });
    const path = `${templatesPath()}/${v1.id}`;
    const v2 = await adminJson<Template>("PUT", path, { body: "Twee" });
    expect(v2).toMatchObject({ id: v1.id, version: 2, body: "Twee", subject: "Eerste", name: "Versies", created_at: v1.created_at });
    expect(v2.updated_at).toMatch(/Z$/);
    const v3 = await adminJson<Template>("PUT", path, { subject: "Derde", priority: "bulk", name: "Versies 3" });
    expect(v3).toMatchObject({ version: 3, subject: "Derde", priority: "bulk", name: "Versies 3", body: "Twee" });

    expect(await adminJson<Template>("GET", path)).toEqual(v3);
    expect(await adminJson<Template>("GET", `${path}?version=1`)).toEqual(v1);
    expect(await adminJson<Template>("GET", `${path}?version=2`)).toMatchObject({ version: 2, body: "Twee", subject: "Eerste" });
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM template_versions WHERE template_id = ?").bind(v1.id).first();
    expect(count?.n).toBe(3);
    const audits = await env.DB.prepare("SELECT action, details FROM audit_log WHERE target_id = ? ORDER BY at, rowid").bind(v1.id).all();
    expect(audits.results.map((r) => r.action)).toEqual(["template.create", "template.update", "template.update"]);
    expect(JSON.parse(String(audits.results[2]?.details))).toEqual({ changed: ["name", "subject", "priority"], version: 3 });
  });

  it("does not bump the version when nothing changed", async () => {
    const v1 = await adminJson<Template>("POST", templatesPath(), { name: "Gelijk", type: "sms", body: "Zelfde" });
    const before = [await countRows("template_versions"), await countRows("audit_log")];
    const same = await adminJson<Template>("PUT", `${templatesPath()}/${v1.id}`, { body: "Zelfde", name: "Gelijk" });
    expect(same).toEqual(v1);
    expect(await adminJson<Template>("PUT", `${templatesPath()}/${v1.id}`, {})).toEqual(v1);
    expect([await countRows("template_versions"), await countRows("audit_log")]).toEqual(before);
  });

  it("400 for invalid changes, storing nothing", async () => {
    const sms = await adminJson<Template>("POST", templatesPath(), { name: "Fout", type: "sms", body: "b" });
    const before = [await countRows("template_versions"), await countRows("audit_log")];
    for (const [body, messages] of [
      [{ subject: "Onderwerp" }, ["subject is not allowed for an sms template"]],
      [{ type: "email" }, ["Additional properties are not allowed (type was unexpected)"]],
      [{ body: "" }, ["body must not be empty"]],
      [{ priority: 1 }, ["priority is not one of [priority, normal, bulk]"]],
    ] as const) {
      const res = await adminFetch(`${templatesPath()}/${sms.id}`, { method: "PUT", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await readError(res)).messages).toEqual(messages);
    }
    expect([await countRows("template_versions"), await countRows("audit_log")]).toEqual(before);
    expect((await adminJson<Template>("GET", `${templatesPath()}/${sms.id}`)).version).toBe(1);
  });

  it("404 for an unknown template and for another service's template", async () => {
    for (const id of [crypto.randomUUID(), "x", other.smsTemplateId]) {
      const res = await adminFetch(`${templatesPath()}/${id}`, { method: "PUT", body: { body: "nieuw" } });
      expect(res.status).toBe(404);
      expect((await readError(res)).messages).toEqual(["Template not found"]);
    }
  });
});

describe("GET /admin/services/{id}/templates/{template_id}", () => {
  it("404 for a version that does not exist; 400 for a bad version", async () => {
    const path = `${templatesPath()}/${tenant.smsTemplateId}`;
    expect((await adminFetch(`${path}?version=2`)).status).toBe(404);
    const zero = await adminFetch(`${path}?version=0`);
    expect(zero.status).toBe(400);
    expect((await readError(zero)).messages).toEqual(["version 0 is less than the minimum of 1"]);
    expect((await adminFetch(`${path}?version=one`)).status).toBe(400);
  });

  it("does not show another service's template", async () => {
    expect((await adminFetch(`${templatesPath()}/${other.emailTemplateId}`)).status).toBe(404);
    expect((await adminFetch(`/admin/services/${other.serviceId}/templates/${other.emailTemplateId}`)).status).toBe(200);
  });
});
