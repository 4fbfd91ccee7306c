/**
 * GET /admin/services/{service_id}/templates/{template_id}[?version=N] → 200 template object:
 * the current template, or any stored version.
 */
import { and, eq } from "drizzle-orm";
import { templateVersions } from "../../db/schema";
import { Errors } from "../../errors";
import { type AppRequest, json } from "../../http/app-request";
import { findService } from "../shared/lookup";
import { organisationScope, pathParam } from "../shared/request";
import { templateObject, templateVersionObject } from "./template-object";
import { findTemplate } from "./update-template";

export async function getTemplate(request: AppRequest): Promise<Response> {
  const { db } = request.services;
  const service = await findService(db, pathParam(request, "service_id"), organisationScope(request));
  const template = await findTemplate(db, service.id, pathParam(request, "template_id"));
  const version = parseVersion(request.query.version);
  if (version === undefined) return json(templateObject(template));
  const row = await db
    .select()
    .from(templateVersions)
    .where(and(eq(templateVersions.templateId, template.id), eq(templateVersions.version, version)))
    .get();
  if (!row) throw Errors.notFound("Template version not found");
  return json(templateVersionObject(template, row));
}

function parseVersion(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) throw Errors.validation(["version is not of type integer"]);
  const version = Number(raw);
  if (version < 1) throw Errors.validation(["version 0 is less than the minimum of 1"]);
  return version;
}
