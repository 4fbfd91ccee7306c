/** The v2 template routes (src/api/v2/templates/): get by id and version, list, preview. */
import { beforeAll, describe, expect, it } from "vitest";
import { adminJson, apiFetch, createTenant, readError, type Tenant } from "../support/fixtures";

let tenant: Tenant;
let other: Tenant;

const TEMPLATE_KEYS = [
  "body",
  "created_at",
  "created_by",
  "id",
  "letter_contact_block",
  "name",
  "personalisation",
  "postage",
  "subject",
  "type",
  "updated_at",
  "version",
];

beforeAll(async () => {
  tenant = await createTenant({ emailTemplate: { subject: "Hallo ((Naam))", body: "# Kop\n\nBeste ((naam)), ((extra??Er is meer.))" } });
  other = await createTenant();
  await adminJson("PUT", `/admin/v1/services/${tenant.serviceId}/templates/${tenant.smsTemplateId}`, {
    body: "Nieuw: ((naam)) ((first_name))",
  });
});

const get = (path: string, t = tenant) => apiFetch(path, t.keys.normal);

describe("v2 templates", () => {
  it("GET /v2/template/{id} returns the current version with its personalisation", async () => {
    const res = await get(`/v2/template/${tenant.smsTemplateId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(Object.keys(body).sort()).toEqual(TEMPLATE_KEYS);
    expect(body).toMatchObject({
      id: tenant.smsTemplateId,
      type: "sms",
      version: 2,
      body: "Nieuw: ((naam)) ((first_name))",
      subject: null,
      postage: null,
    });
    expect(body.personalisation).toEqual({ naam: { required: true }, first_name: { required: true } });
    expect(body.updated_at).toMatch(/Z$/);
  });

  it("GET /v2/template/{id}/version/{n} keeps old versions readable", async () => {
    const v1 = (await (await get(`/v2/template/${tenant.smsTemplateId}/version/1`)).json()) as Record<string, any>;
    expect(v1).toMatchObject({ version: 1, body: "Hallo ((naam)), uw code is ((code))." });
  });

  it("GET /v2/template/{id}/version/0 is a validation error", async () => {
    expect((await readError(await get(`/v2/template/${tenant.smsTemplateId}/version/0`))).messages).toEqual([
      "version 0 is less than the minimum of 1",
    ]);
  });

  it("GET /v2/template/{id}/version/{n} for a version not made yet is 404", async () => {
    expect((await get(`/v2/template/${tenant.smsTemplateId}/version/3`)).status).toBe(404);
  });

  it.each([
    ["the template", () => `/v2/template/${other.smsTemplateId}`],
    ["a version of the template", () => `/v2/template/${other.smsTemplateId}/version/1`],
  ])("another service's template is not found: %s is 404", async (_name, path) => {
    expect((await get(path())).status).toBe(404);
  });

  it("a malformed template id is a validation error", async () => {
    const res = await get("/v2/template/xyz");
    expect(res.status).toBe(400);
    expect((await readError(res)).errors).toEqual([expect.objectContaining({ error: "ValidationError" })]);
  });

  it("GET /v2/templates lists the service's templates", async () => {
    const all = (await (await get("/v2/templates")).json()) as { templates: { id: string }[] };
    expect(all.templates.map((t) => t.id).sort()).toEqual([tenant.smsTemplateId, tenant.emailTemplateId].sort());
  });

  it("GET /v2/templates?type= filters by type", async () => {
    const email = (await (await get("/v2/templates?type=email")).json()) as { templates: { id: string; subject: string }[] };
    expect(email.templates.map((t) => t.id)).toEqual([tenant.emailTemplateId]);
  });

  it("GET /v2/templates?type= refuses an unknown type", async () => {
    expect((await readError(await get("/v2/templates?type=fax"))).messages).toEqual(["type fax is not one of [sms, email, letter]"]);
  });

  it("POST /v2/template/{id}/preview renders SMS", async () => {
    const sms = await apiFetch(`/v2/template/${tenant.smsTemplateId}/preview`, tenant.keys.normal, {
      method: "POST",
      body: { personalisation: { naam: "Jan", "First Name": "J", ignored: 1 } },
    });
    expect(sms.status).toBe(200);
    expect(await sms.json()).toEqual({
      id: tenant.smsTemplateId,
      type: "sms",
      version: 2,
      body: "Nieuw: Jan J",
      html: null,
      subject: null,
      postage: null,
    });
  });

  it("POST /v2/template/{id}/preview renders email with html, personalisation escaped", async () => {
    const email = await apiFetch(`/v2/template/${tenant.emailTemplateId}/preview`, tenant.keys.normal, {
      method: "POST",
      body: { personalisation: { naam: "<b>Jan</b>", extra: "yes" } },
    });
    expect(email.status).toBe(200);
    const body = (await email.json()) as Record<string, any>;
    expect(body.subject).toBe("Hallo <b>Jan</b>");
    expect(body.body).toContain("Beste <b>Jan</b>, Er is meer.");
    expect(body.html).toContain("&lt;b&gt;Jan&lt;/b&gt;");
    expect(body.html).toContain("<h2");
  });

  it("preview: missing personalisation is 400 naming what is missing", async () => {
    const missing = await apiFetch(`/v2/template/${tenant.smsTemplateId}/preview`, tenant.keys.normal, { method: "POST", body: {} });
    expect(missing.status).toBe(400);
    expect(await readError(missing)).toMatchObject({
      errors: [{ error: "BadRequestError", message: "Missing personalisation: naam, first_name" }],
    });
  });

  it("preview: another service's template is 404", async () => {
    const foreign = await apiFetch(`/v2/template/${other.smsTemplateId}/preview`, tenant.keys.normal, { method: "POST", body: {} });
    expect(foreign.status).toBe(404);
  });

  it("preview: no body is fine for a template without placeholders", async () => {
    const t = await createTenant({ smsTemplate: { body: "Geen variabelen" } });
    const plain = await apiFetch(`/v2/template/${t.smsTemplateId}/preview`, t.keys.normal, { method: "POST" });
    expect(plain.status).toBe(200);
  });
});
