/** DELETE /services/{service_id}/email-reply-to/{reply_to_id} → 204 (the default only when it is the only address). */
import * as v from "valibot";
import { adminOperation } from "../admin-operation";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { removeEmailReplyTo } from "./remove-email-reply-to";

export const deleteReplyToOperation = adminOperation({
  operationId: "delete-reply-to",
  method: "delete",
  path: "/services/{service_id}/email-reply-to/{reply_to_id}",
  tag: "senders",
  summary: "Delete an email reply-to address (the default only when it is the service's only address)",
  query: v.object(serviceScopeQuery),
  ok: { status: 204, description: "Deleted" },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    await changeService(service.id, () => removeEmailReplyTo(db, service, pathParam(request, "reply_to_id"), adminMeta(request)));
    return new Response(null, { status: 204 });
  },
});
