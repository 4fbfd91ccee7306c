/** GET /admin/v1/audit-log (src/admin/audit-log/get-audit-log.ts): filters, paging links, the CSV export, bad filters. */
import { describe, expect, it } from "vitest";
import { adminFetch, adminJson, readProblem, uniqueName } from "../support/fixtures";

const LOG = "/admin/v1/audit-log";

interface Entry {
  id: string;
  actor: string;
  action: string;
  organisation_id: string | null;
  target_id: string;
}

async function newOrganisationWithService(): Promise<{ organisationId: string; serviceId: string }> {
  const organisation = await adminJson<{ id: string }>("POST", "/admin/v1/organisations", { name: uniqueName("Gemeente") }, 201);
  const service = await adminJson<{ id: string }>("POST", "/admin/v1/services", { organisation_id: organisation.id, name: "Balie" }, 201);
  return { organisationId: organisation.id, serviceId: service.id };
}

describe("GET /admin/v1/audit-log", () => {
  it("filters by organisation, newest first", async () => {
    const { organisationId, serviceId } = await newOrganisationWithService();
    const page = await adminJson<{ audit_log: Entry[] }>("GET", `${LOG}?organisationId=${organisationId}`);
    expect(page.audit_log.map((e) => [e.action, e.target_id])).toEqual([
      ["service.create", serviceId],
      ["organisation.create", organisationId],
    ]);
  });

  it("filters by action and service", async () => {
    const { serviceId } = await newOrganisationWithService();
    const page = await adminJson<{ audit_log: Entry[] }>("GET", `${LOG}?serviceId=${serviceId}&action=service.create`);
    expect(page.audit_log.map((e) => e.target_id)).toEqual([serviceId]);
  });

  it("pages with links.next until the last page", async () => {
    const { organisationId } = await newOrganisationWithService();
    const first = await adminJson<{ audit_log: Entry[]; links: { next: string | null } }>(
      "GET",
      `${LOG}?organisationId=${organisationId}&pageSize=1`,
    );
    expect(first.audit_log).toHaveLength(1);
    expect(first.links.next).not.toBeNull();
    const next = new URL(first.links.next ?? "");
    const second = await adminJson<{ audit_log: Entry[]; links: { next: string | null } }>("GET", `${next.pathname}${next.search}`);
    expect(second.audit_log.map((e) => e.action)).toEqual(["organisation.create"]);
    expect(second.links.next).toBeNull();
  });

  it("exports the selection as CSV with Accept: text/csv", async () => {
    const { organisationId } = await newOrganisationWithService();
    const res = await adminFetch(`${LOG}?organisationId=${organisationId}`, { headers: { accept: "text/csv" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,at,actor,action,/);
    expect(lines.slice(1).map((line) => line.split(",")[3])).toEqual(["service.create", "organisation.create"]);
  });

  it.each([
    ["from=yesterday", "from"],
    ["to=2026-12-02T10:00:00", "to"],
    ["organisationId=nope", "organisationId"],
    ["pageSize=0", "pageSize"],
    ["colour=blue", "colour"],
  ])("%s is a 400 naming the parameter", async (query, name) => {
    const res = await adminFetch(`${LOG}?${query}`);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).invalidParams?.map((p) => p.name)).toEqual([name]);
  });

  it("accepts a time with any offset", async () => {
    const res = await adminFetch(`${LOG}?from=${encodeURIComponent("2026-01-01T00:00:00+01:00")}&pageSize=1`);
    expect(res.status).toBe(200);
  });
});
