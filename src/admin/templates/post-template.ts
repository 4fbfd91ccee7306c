/** POST /services/{service_id}/templates {name, type, subject?, body, priority?} → 201 template (version 1). */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { flag, oneOf, text } from "../shared/fields";
import { adminMeta } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { createTemplate } from "./create-template";
import { TEMPLATE_PRIORITIES, TEMPLATE_TYPES, TemplateObject } from "./template-object";
import { NAME_LIMIT, SUBJECT_LIMIT, TemplateBody } from "./template-rules";

const PostTemplate = v.object({
  name: text(NAME_LIMIT),
  type: oneOf(TEMPLATE_TYPES),
  subject: v.optional(text(SUBJECT_LIMIT)),
  body: TemplateBody,
  priority: v.optional(oneOf(TEMPLATE_PRIORITIES)),
  retry_failed: v.optional(v.nullable(flag)),
});

export const createTemplateOperation = adminOperation({
  operationId: "create-template",
  method: "post",
  path: "/services/{service_id}/templates",
  tag: "templates",
  summary: "Create a template (version 1)",
  body: PostTemplate,
  query: v.object(serviceScopeQuery),
  ok: { status: 201, description: "The template", schema: TemplateObject },
  handle: async (request, { body }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    return json(await changeService(service.id, () => createTemplate(db, service, body, adminMeta(request))), 201);
  },
});
