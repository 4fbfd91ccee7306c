/**
 * PATCH /services/{service_id}/templates/{template_id} {archived} → 200 template: archive or
 * unarchive. A JSON merge patch (RFC 7396) of the template's state, with `archived` as its only field:
 * content changes are PUT (they make versions), and the state is a field of the resource, not an
 * action, so no /archive sub-resource (NL API Design Rules API-05, nouns; API-03, standard methods).
 */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { flag } from "../shared/fields";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { setTemplateArchived } from "./set-template-archived";
import { TemplateObject } from "./template-object";

const PatchTemplate = v.object({
  archived: v.pipe(flag, v.description("true archives the template (it can no longer be sent), false makes it usable again")),
});

export const updateTemplateStatusOperation = adminOperation({
  operationId: "update-template-status",
  method: "patch",
  path: "/services/{service_id}/templates/{template_id}",
  tag: "templates",
  summary: "Archive or unarchive a template (no new version)",
  description:
    "An archived template cannot be sent (the API answers 'Template has been deleted', as Notify does), " +
    "is not in GET /v2/templates and cannot be changed until it is unarchived. Asking for the state " +
    "the template already has is a 400.",
  body: PatchTemplate,
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The template in its new state", schema: TemplateObject },
  handle: async (request, { body }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const templateId = pathParam(request, "template_id");
    return json(await changeService(service.id, () => setTemplateArchived(db, service, templateId, body.archived, adminMeta(request))));
  },
});
