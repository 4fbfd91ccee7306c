/**
 * GET /services/{service_id}/templates/{template_id}/versions → 200 {versions}, newest first: every
 * stored version of the template, each as GET ?version=N shows it. `created_by` is who made that
 * version and `updated_at` when (null for version 1, made at `created_at`). Not paged: a template
 * has one version per edit, and the history is read whole.
 */
import { desc, eq } from "drizzle-orm";
import * as v from "valibot";
import type { Db } from "../../db/database";
import { templateVersions } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pathParam } from "../shared/request";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { TemplateObject, type TemplateRow, type TemplateVersionRow, templateVersionObject } from "./template-object";
import { findTemplate } from "./update-template";

export const listTemplateVersionsOperation = adminOperation({
  operationId: "list-template-versions",
  method: "get",
  path: "/services/{service_id}/templates/{template_id}/versions",
  tag: "templates",
  summary: "List every stored version of a template, newest first, with who made it and when",
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The versions, newest first", schema: v.object({ versions: v.array(TemplateObject) }) },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const { template, versions } = await listTemplateVersions(db, service.id, pathParam(request, "template_id"));
    return json({ versions: versions.map((row) => templateVersionObject(template, row)) });
  },
});

/** The service's template and all its stored versions, newest first; 404 for another service's template (also the web console's history). */
export async function listTemplateVersions(
  db: Db,
  serviceId: string,
  templateId: string,
  newest?: number,
): Promise<{ template: TemplateRow; versions: TemplateVersionRow[] }> {
  const template = await findTemplate(db, serviceId, templateId);
  const query = db
    .select()
    .from(templateVersions)
    .where(eq(templateVersions.templateId, template.id))
    .orderBy(desc(templateVersions.version));
  const versions = await (newest === undefined ? query : query.limit(newest));
  return { template, versions };
}
