/**
 * PATCH /services/{service_id}/templates/{template_id} {archived?, retry_failed?} → 200 template:
 * archive or unarchive, and the second-attempt setting. A JSON merge patch (RFC 7396) of the
 * template's state:
 * content changes are PUT (they make versions), and the state is a field of the resource, not an
 * action, so no /archive sub-resource (NL API Design Rules API-05, nouns; API-03, standard methods).
 */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { requireSomeField } from "../shared/changes";
import { flag } from "../shared/fields";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { setTemplateArchived } from "./set-template-archived";
import { setTemplateRetry } from "./set-template-retry";
import { TemplateObject } from "./template-object";

const PatchTemplate = v.object({
  archived: v.optional(v.pipe(flag, v.description("true archives the template (it can no longer be sent), false makes it usable again"))),
  retry_failed: v.optional(
    v.pipe(v.nullable(flag), v.description("Send a failed message once more: true/false overrides the service's setting, null follows it")),
  ),
});

export const updateTemplateStatusOperation = adminOperation({
  operationId: "update-template-status",
  method: "patch",
  path: "/services/{service_id}/templates/{template_id}",
  tag: "templates",
  summary: "Archive or unarchive a template, or set its second attempt (no new version)",
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
    const { archived, retry_failed: retryFailed } = body;
    requireSomeField(body);
    return json(
      await changeService(service.id, async () => {
        let template =
          archived === undefined ? undefined : await setTemplateArchived(db, service, templateId, archived, adminMeta(request));
        if (retryFailed !== undefined) template = await setTemplateRetry(db, service, templateId, retryFailed, adminMeta(request));
        return template;
      }),
    );
  },
});
