/** POST /admin/services/{service_id}/templates {name, type, subject?, body, priority?} → 201 template (version 1). */
import * as v from "valibot";
import { type AppRequest, json } from "../../http/app-request";
import { oneOf, text } from "../shared/fields";
import { findService } from "../shared/lookup";
import { adminMeta, organisationScope, pathParam, readBody } from "../shared/request";
import { changeService } from "../shared/service-change";
import { createTemplate } from "./create-template";
import { TEMPLATE_PRIORITIES, TEMPLATE_TYPES } from "./template-object";
import { NAME_LIMIT, SUBJECT_LIMIT, TemplateBody } from "./template-rules";

const PostTemplate = v.object({
  name: text(NAME_LIMIT),
  type: oneOf(TEMPLATE_TYPES),
  subject: v.optional(text(SUBJECT_LIMIT)),
  body: TemplateBody,
  priority: v.optional(oneOf(TEMPLATE_PRIORITIES)),
});

export async function postTemplate(request: AppRequest): Promise<Response> {
  const { db } = request.services;
  const service = await findService(db, pathParam(request, "service_id"), organisationScope(request));
  const body = await readBody(request, PostTemplate);
  return json(await changeService(service.id, () => createTemplate(db, service, body, adminMeta(request))), 201);
}
