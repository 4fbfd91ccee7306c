/**
 * The lifecycle of admin templates: listing (src/admin/templates/list-service-templates.ts, paging in
 * src/admin/shared/paging.ts), archiving and unarchiving (patch-template.ts, set-template-archived.ts),
 * the refusal to change an archived one (update-template.ts), the version history
 * (list-template-versions.ts), and what archiving does to the public API (send-context.ts,
 * GET /v2/templates, bulk jobs, the per-isolate template cache).
 */
import { env, exports } from "cloudflare:workers";
import * as v from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import { listTemplatesOperation } from "../../src/admin/templates/list-service-templates";
import { listTemplateVersionsOperation } from "../../src/admin/templates/list-template-versions";
import { updateTemplateStatusOperation } from "../../src/admin/templates/patch-template";
import {
  adminFetch,
  adminJson,
  apiFetch,
  BASE_URL,
  countRows,
  createTenant,
  readError,
  readProblem,
  type Tenant,
  url,
} from "../support/fixtures";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

type Template = Record<string, unknown> & { id: string; created_at: string; archived: boolean; version: number };
type TemplateList = { templates: Template[]; links: { next: string | null } };

const templatesPath = (t: Tenant) => `/admin/v1/services/${t.serviceId}/templates`;
const templatePath = (t: Tenant, id: string) => `${templatesPath(t)}/${id}`;
const newTemplate = (t: Tenant, name: string, type: "sms" | "email" = "sms") =>
  adminJson<Template>("POST", templatesPath(t), {
    name,
    type,
    body: "Hallo ((naam)), uw code is ((code)).",
    ...(type === "email" ? { subject: "S" } : {}),
  });
const setArchived = (t: Tenant, id: string, archived: unknown) => adminFetch(templatePath(t, id), { method: "PATCH", body: { archived } });
const archive = async (t: Tenant, id: string) => expect((await setArchived(t, id, true)).status).toBe(200);
const unarchive = async (t: Tenant, id: string) => expect((await setArchived(t, id, false)).status).toBe(200);
const list = (t: Tenant, query = "") => adminJson<TemplateList>("GET", `${templatesPath(t)}${query}`);
const auditsOf = async (id: string) =>
  (await env.DB.prepare("SELECT action, details FROM audit_log WHERE target_id = ? ORDER BY at, rowid").bind(id).all()).results;
/** What a refused admin request could have changed. */
const changes = async () => [await countRows("templates"), await countRows("template_versions"), await countRows("audit_log")];

/** Ids in the list's order: oldest first by (created_at, id). */
const inListOrder = (templates: Template[]) =>
  [...templates].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id)).map((t) => t.id);

/** Follows links.next from `first`, collecting every page's ids. */
async function walk(first: string): Promise<string[][]> {
  const pages: string[][] = [];
  for (let next: string | null = first; next; ) {
    const { pathname, search }: URL = new URL(next, BASE_URL);
    const page: TemplateList = await adminJson<TemplateList>("GET", pathname + search);
    pages.push(page.templates.map((t) => t.id));
    next = page.links.next;
  }
  return pages;
}

let other: Tenant;
beforeAll(async () => {
  other = await createTenant();
});

describe("GET /admin/v1/services/{id}/templates", () => {
  let tenant: Tenant;
  let all: Template[];
  let archivedId: string;
  beforeAll(async () => {
    tenant = await createTenant();
    const created = [await newTemplate(tenant, "A"), await newTemplate(tenant, "B", "email"), await newTemplate(tenant, "C")];
    archivedId = created[2]?.id ?? "";
    await archive(tenant, archivedId);
    all = await Promise.all(
      [tenant.smsTemplateId, tenant.emailTemplateId, ...created.map((t) => t.id)].map((id) =>
        adminJson<Template>("GET", templatePath(tenant, id)),
      ),
    );
  });

  it("lists every template of the service, archived ones included, oldest first, as GET shows each", async () => {
    const page = await list(tenant);
    expect(page.templates).toEqual(inListOrder(all).map((id) => all.find((t) => t.id === id)));
    expect(page.links).toEqual({ next: null });
  });

  it("?type=sms lists only the SMS templates", async () => {
    const ids = (await list(tenant, "?type=sms")).templates.map((t) => t.id);
    expect(ids).toEqual(inListOrder(all.filter((t) => t.type === "sms")));
  });

  it("?archived=true lists only the archived templates", async () => {
    expect((await list(tenant, "?archived=true")).templates.map((t) => t.id)).toEqual([archivedId]);
  });

  it("?archived=false lists only the usable templates", async () => {
    const ids = (await list(tenant, "?archived=false")).templates.map((t) => t.id);
    expect(ids).toEqual(inListOrder(all.filter((t) => t.id !== archivedId)));
  });

  it("pages of 2 follow each other without gaps or repeats, the last with links.next null", async () => {
    const pages = await walk(`${templatesPath(tenant)}?pageSize=2`);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(inListOrder(all));
  });

  it("links.next is this request's URL (filters kept) with after = the page's last id", async () => {
    const page = await list(tenant, "?type=sms&pageSize=1");
    const next = new URL(page.links.next ?? "");
    expect(Object.fromEntries(next.searchParams)).toEqual({ type: "sms", pageSize: "1", after: page.templates[0]?.id });
  });

  it("pages a filtered list within the filter", async () => {
    const pages = await walk(`${templatesPath(tenant)}?type=sms&archived=false&pageSize=1`);
    expect(pages.flat()).toEqual(inListOrder(all.filter((t) => t.type === "sms" && t.id !== archivedId)));
  });

  it.each([
    ["type=letter", ["type is not one of [sms, email]"]],
    ["archived=maybe", ["archived must be true or false"]],
    ["pageSize=0", ["pageSize must be a whole number from 1 to 500"]],
    ["pageSize=501", ["pageSize must be a whole number from 1 to 500"]],
    ["after=abc", ["after is not a valid id"]],
    ["template_type=sms", ["Unknown query parameters are not allowed (template_type was unexpected)"]],
  ])("400 for ?%s", async (query, messages) => {
    const res = await adminFetch(`${templatesPath(tenant)}?${query}`);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(messages);
  });

  it("400 for after = another service's template, without showing anything of it", async () => {
    const res = await adminFetch(`${templatesPath(tenant)}?after=${other.smsTemplateId}`);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["after is not the id of a row in this list"]);
  });

  it("400 for after = a template of this service outside the filter", async () => {
    const res = await adminFetch(`${templatesPath(tenant)}?type=sms&after=${tenant.emailTemplateId}`);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["after is not the id of a row in this list"]);
  });

  it("404 for an unknown service", async () => {
    const res = await adminFetch(`/admin/v1/services/${crypto.randomUUID()}/templates`);
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Service not found"]);
  });

  it("404 under ?organisationId= of another organisation, 200 under its own", async () => {
    const res = await adminFetch(`${templatesPath(tenant)}?organisationId=${other.organisationId}`);
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Service not found"]);
    expect((await list(tenant, `?organisationId=${tenant.organisationId}`)).templates).toHaveLength(all.length);
  });
});

describe("PATCH /admin/v1/services/{id}/templates/{template_id} (update-template-status)", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenant();
  });

  it("archives: 200 with archived true, nothing else changed, no new version", async () => {
    const before = await newTemplate(tenant, "Archiveren");
    const versions = await countRows("template_versions");
    const res = await setArchived(tenant, before.id, true);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...before, archived: true });
    expect(await countRows("template_versions")).toBe(versions);
    expect(await adminJson("GET", templatePath(tenant, before.id))).toEqual({ ...before, archived: true });
  });

  it("unarchives: 200 with archived false", async () => {
    const before = await newTemplate(tenant, "Terugzetten");
    await archive(tenant, before.id);
    const res = await setArchived(tenant, before.id, false);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(before);
  });

  it("writes template.archive and template.unarchive audit rows", async () => {
    const { id } = await newTemplate(tenant, "Audit");
    await archive(tenant, id);
    await unarchive(tenant, id);
    const audits = await auditsOf(id);
    expect(audits.map((r) => r.action)).toEqual(["template.create", "template.archive", "template.unarchive"]);
    expect(JSON.parse(String(audits[1]?.details))).toEqual({ name: "Audit", version: 1 });
  });

  it("shows an archived template's old versions as archived", async () => {
    const { id } = await newTemplate(tenant, "Oud");
    await adminJson("PUT", templatePath(tenant, id), { body: "Nieuw" });
    await archive(tenant, id);
    expect(await adminJson("GET", `${templatePath(tenant, id)}?version=1`)).toMatchObject({ version: 1, archived: true });
  });

  it.each([
    [true, "Template is already archived"],
    [false, "Template is not archived"],
  ])("archived: %s on a template already in that state is 400 %j, changing nothing", async (archived, message) => {
    const { id } = await newTemplate(tenant, "Dubbel");
    if (archived) await archive(tenant, id);
    const before = await changes();
    const res = await setArchived(tenant, id, archived);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual([message]);
    expect(await changes()).toEqual(before);
    expect((await adminJson<Template>("GET", templatePath(tenant, id))).archived).toBe(archived);
  });

  it("sets and clears the template's own second-attempt setting, without a new version", async () => {
    const { id } = await newTemplate(tenant, "Herhaling");
    expect(await adminJson<Template>("PATCH", templatePath(tenant, id), { retry_failed: false })).toMatchObject({
      retry_failed: false,
      version: 1,
    });
    expect(await adminJson<Template>("PATCH", templatePath(tenant, id), { retry_failed: null })).toMatchObject({
      retry_failed: null,
      version: 1,
    });
  });

  it.each([
    [{}, ["Give at least one field to change"]],
    [{ retry_failed: "ja" }, ["retry_failed is not of type boolean"]],
    [{ archived: "true" }, ["archived is not of type boolean"]],
    [{ archived: true, name: "x" }, ["Additional properties are not allowed (name was unexpected)"]],
  ])("400 for %j, changing nothing", async (body, messages) => {
    const { id } = await newTemplate(tenant, `Ongeldig ${JSON.stringify(body)}`);
    const before = await changes();
    const res = await adminFetch(templatePath(tenant, id), { method: "PATCH", body });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(messages);
    expect(await changes()).toEqual(before);
    expect((await adminJson<Template>("GET", templatePath(tenant, id))).archived).toBe(false);
  });

  it.each([
    ["an unknown template", () => crypto.randomUUID()],
    ["a malformed id", () => "x"],
    ["another service's template", () => other.smsTemplateId],
  ])("404 for %s, changing nothing", async (_name, id) => {
    const before = await changes();
    const res = await setArchived(tenant, id(), true);
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Template not found"]);
    expect(await changes()).toEqual(before);
  });

  it("leaves another service's template usable when asked to archive it", async () => {
    await setArchived(tenant, other.emailTemplateId, true);
    expect((await adminJson<Template>("GET", templatePath(other, other.emailTemplateId))).archived).toBe(false);
  });

  it("404 under ?organisationId= of another organisation, changing nothing", async () => {
    const { id } = await newTemplate(tenant, "Andere organisatie");
    const before = await changes();
    const res = await adminFetch(`${templatePath(tenant, id)}?organisationId=${other.organisationId}`, {
      method: "PATCH",
      body: { archived: true },
    });
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Service not found"]);
    expect(await changes()).toEqual(before);
  });
});

describe("PUT on an archived template", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenant();
  });

  it("is 400 'Template is archived: unarchive it first', storing no version or audit row", async () => {
    const { id } = await newTemplate(tenant, "Gearchiveerd");
    await archive(tenant, id);
    const before = await changes();
    const res = await adminFetch(templatePath(tenant, id), { method: "PUT", body: { body: "Nieuw" } });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["Template is archived: unarchive it first"]);
    expect(await changes()).toEqual(before);
    expect(await adminJson("GET", templatePath(tenant, id))).toMatchObject({ version: 1, body: "Hallo ((naam)), uw code is ((code))." });
  });

  it("works again once the template is unarchived", async () => {
    const { id } = await newTemplate(tenant, "Weer bruikbaar");
    await archive(tenant, id);
    await unarchive(tenant, id);
    expect(await adminJson("PUT", templatePath(tenant, id), { body: "Nieuw" })).toMatchObject({
      version: 2,
      body: "Nieuw",
      archived: false,
    });
  });
});

describe("GET /admin/v1/services/{id}/templates/{template_id}/versions", () => {
  let tenant: Tenant;
  let id: string;
  let v1: Template;
  beforeAll(async () => {
    tenant = await createTenant();
    v1 = await newTemplate(tenant, "Geschiedenis");
    id = v1.id;
    await adminJson("PUT", templatePath(tenant, id), { body: "Twee" });
    await adminJson("PUT", templatePath(tenant, id), { name: "Geschiedenis 3" });
  });

  it("lists every stored version newest first, each as GET ?version=N shows it", async () => {
    const { versions } = await adminJson<{ versions: Template[] }>("GET", `${templatePath(tenant, id)}/versions`);
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions).toEqual(await Promise.all([3, 2, 1].map((n) => adminJson("GET", `${templatePath(tenant, id)}?version=${n}`))));
  });

  it("says who made each version and when (version 1: at created_at)", async () => {
    const { versions } = await adminJson<{ versions: Template[] }>("GET", `${templatePath(tenant, id)}/versions`);
    expect(versions.map((v) => [v.created_by, v.updated_at])).toEqual([
      ["bootstrap", expect.stringMatching(TIMESTAMP)],
      ["bootstrap", expect.stringMatching(TIMESTAMP)],
      ["bootstrap", null],
    ]);
    expect(versions[2]).toEqual(v1);
  });

  it.each([
    ["an unknown template", () => crypto.randomUUID()],
    ["a malformed id", () => "x"],
    ["another service's template", () => other.smsTemplateId],
  ])("404 for %s", async (_name, templateId) => {
    const res = await adminFetch(`${templatePath(tenant, templateId())}/versions`);
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Template not found"]);
  });

  it("404 under ?organisationId= of another organisation", async () => {
    const res = await adminFetch(`${templatePath(tenant, id)}/versions?organisationId=${other.organisationId}`);
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Service not found"]);
  });

  it("400 for a query it does not take", async () => {
    const res = await adminFetch(`${templatePath(tenant, id)}/versions?version=1`);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["Unknown query parameters are not allowed (version was unexpected)"]);
  });
});

describe("an archived template in the public API", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenant();
  });

  const sendSms = (templateId: string) =>
    apiFetch("/v2/notifications/sms", tenant.keys.normal, {
      method: "POST",
      body: { phone_number: "06-12345678", template_id: templateId, personalisation: { naam: "Jan", code: "1" } },
    });

  it("cannot be sent: 400 'Template has been deleted' (as Notify), storing no notification", async () => {
    const { id } = await newTemplate(tenant, "Niet versturen");
    await archive(tenant, id);
    const before = await countRows("notifications");
    const res = await sendSms(id);
    expect(res.status).toBe(400);
    expect(await readError(res)).toMatchObject({ status_code: 400, messages: ["Template has been deleted"] });
    expect(await countRows("notifications")).toBe(before);
  });

  it("stops being sent at once in this isolate, though the template was cached", async () => {
    const { id } = await newTemplate(tenant, "In de cache");
    expect((await sendSms(id)).status).toBe(201);
    // The control: a change behind the admin API's back is not seen while the cached copy lives...
    await env.DB.prepare("UPDATE templates SET archived = 1 WHERE id = ?").bind(id).run();
    expect((await sendSms(id)).status).toBe(201);
    await env.DB.prepare("UPDATE templates SET archived = 0 WHERE id = ?").bind(id).run();
    // ...but archiving through the admin API drops the cached copy.
    await archive(tenant, id);
    const res = await sendSms(id);
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual(["Template has been deleted"]);
  });

  it("can be sent again once unarchived", async () => {
    const { id } = await newTemplate(tenant, "Terug");
    await archive(tenant, id);
    expect((await sendSms(id)).status).toBe(400);
    await unarchive(tenant, id);
    expect((await sendSms(id)).status).toBe(201);
  });

  it("is not in GET /v2/templates, and is again once unarchived", async () => {
    const { id } = await newTemplate(tenant, "Lijst");
    const listed = async () =>
      ((await (await apiFetch("/v2/templates", tenant.keys.normal)).json()) as { templates: { id: string }[] }).templates.map((t) => t.id);
    expect(await listed()).toContain(id);
    await archive(tenant, id);
    expect(await listed()).not.toContain(id);
    await unarchive(tenant, id);
    expect(await listed()).toContain(id);
  });

  it("is refused by POST /v2/notifications/bulk, storing no job", async () => {
    const { id } = await newTemplate(tenant, "Bulk");
    await archive(tenant, id);
    const before = [await countRows("jobs"), await countRows("job_chunks")];
    const res = await apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
      method: "POST",
      body: {
        template_id: id,
        name: "Herinnering",
        rows: [
          ["phone number", "naam", "code"],
          ["0612345678", "Jan", "1"],
        ],
      },
    });
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual(["Template has been deleted"]);
    expect([await countRows("jobs"), await countRows("job_chunks")]).toEqual(before);
  });
});

describe("the operations' documentation", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenant();
  });

  it.each([
    ["list-templates", listTemplatesOperation, () => list(tenant, "?pageSize=1")],
    ["update-template-status", updateTemplateStatusOperation, async () => (await setArchived(tenant, tenant.smsTemplateId, true)).json()],
    [
      "list-template-versions",
      listTemplateVersionsOperation,
      () => adminJson("GET", `${templatePath(tenant, tenant.emailTemplateId)}/versions`),
    ],
  ])("%s answers as its declared response schema says, with nothing undeclared", async (_name, operation, call) => {
    const body = await call();
    // v.object drops undeclared keys, so parsing gives the body back only if every key is declared.
    expect(v.parse(operation.ok.schema ?? v.never(), body)).toEqual(body);
  });

  it("lists the new operations, with their filters, in /admin/openapi.json", async () => {
    const document = (await (await exports.default.fetch(url("/admin/openapi.json"))).json()) as {
      paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; schema: unknown }[] }>>;
    };
    const templates = document.paths["/services/{service_id}/templates"]?.get;
    expect(templates?.operationId).toBe("list-templates");
    expect(templates?.parameters?.find((p) => p.name === "type")?.schema).toEqual({ type: "string", enum: ["sms", "email"] });
    expect(templates?.parameters?.find((p) => p.name === "archived")?.schema).toEqual({ type: "string", enum: ["true", "false"] });
    expect(document.paths["/services/{service_id}/templates/{template_id}"]?.patch?.operationId).toBe("update-template-status");
    expect(document.paths["/services/{service_id}/templates/{template_id}/versions"]?.get?.operationId).toBe("list-template-versions");
  });
});
