/** PUT /services/{service_id}/templates/{template_id} any of {name, subject, body, priority} → 200 template. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { oneOf, text } from "../shared/fields";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { TEMPLATE_PRIORITIES, TemplateObject } from "./template-object";
import { NAME_LIMIT, SUBJECT_LIMIT, TemplateBody } from "./template-rules";
import { updateTemplate } from "./update-template";

const PutTemplate = v.object({
  name: v.optional(text(NAME_LIMIT)),
  subject: v.optional(text(SUBJECT_LIMIT)),
  body: v.optional(TemplateBody),
  priority: v.optional(oneOf(TEMPLATE_PRIORITIES)),
});

export const updateTemplateOperation = adminOperation({
  operationId: "update-template",
  method: "put",
  path: "/services/{service_id}/templates/{template_id}",
  tag: "templates",
  summary: "Change a template's content: a new version; old versions stay readable",
  body: PutTemplate,
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The template at its new version", schema: TemplateObject },
  handle: async (request, { body }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const templateId = pathParam(request, "template_id");
    return json(await changeService(service.id, () => updateTemplate(db, service, templateId, body, adminMeta(request))));
  },
});
