/**
 * GET /services/{service_id}/templates/{template_id}[?version=N] → 200 template object: the
 * current template, or any stored version.
 */
import { and, eq } from "drizzle-orm";
import * as v from "valibot";
import { templateVersions } from "../../db/schema";
import { Errors } from "../../errors";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pathParam } from "../shared/request";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { TemplateObject, templateObject, templateVersionObject } from "./template-object";
import { findTemplate } from "./update-template";

const GetTemplateQuery = v.object({
  ...serviceScopeQuery,
  version: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[1-9]\d{0,8}$/, "is not a version number (1 or more)"),
      v.transform(Number),
      v.description("A stored version (1, 2, ...); default: the current one"),
    ),
  ),
});

export const getTemplateOperation = adminOperation({
  operationId: "get-template",
  method: "get",
  path: "/services/{service_id}/templates/{template_id}",
  tag: "templates",
  summary: "Get a template, or one of its stored versions",
  query: GetTemplateQuery,
  ok: { status: 200, description: "The template (version)", schema: TemplateObject },
  handle: async (request, { query }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const template = await findTemplate(db, service.id, pathParam(request, "template_id"));
    if (query.version === undefined) return json(templateObject(template));
    const row = await db
      .select()
      .from(templateVersions)
      .where(and(eq(templateVersions.templateId, template.id), eq(templateVersions.version, query.version)))
      .get();
    if (!row) throw Errors.notFound("Template version not found");
    return json(templateVersionObject(template, row));
  },
});
