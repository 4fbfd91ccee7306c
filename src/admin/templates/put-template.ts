/** PUT /admin/services/{service_id}/templates/{template_id} any of {name, subject, body, priority} → 200 template. */
import * as v from "valibot";
import { type AppRequest, json } from "../../http/app-request";
import { oneOf, text } from "../shared/fields";
import { findService } from "../shared/lookup";
import { adminMeta, organisationScope, pathParam, readBody } from "../shared/request";
import { changeService } from "../shared/service-change";
import { TEMPLATE_PRIORITIES } from "./template-object";
import { NAME_LIMIT, SUBJECT_LIMIT, TemplateBody } from "./template-rules";
import { updateTemplate } from "./update-template";

const PutTemplate = v.object({
  name: v.optional(text(NAME_LIMIT)),
  subject: v.optional(text(SUBJECT_LIMIT)),
  body: v.optional(TemplateBody),
  priority: v.optional(oneOf(TEMPLATE_PRIORITIES)),
});

export async function putTemplate(request: AppRequest): Promise<Response> {
  const { db } = request.services;
  const service = await findService(db, pathParam(request, "service_id"), organisationScope(request));
  const body = await readBody(request, PutTemplate);
  const templateId = pathParam(request, "template_id");
  const template = await changeService(service.id, () => updateTemplate(db, service, templateId, body, adminMeta(request)));
  return json(template);
}
