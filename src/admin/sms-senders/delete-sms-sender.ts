/** DELETE /services/{service_id}/sms-senders/{sms_sender_id} → 204 (not the default, not an inbound number). */
import * as v from "valibot";
import { adminOperation } from "../admin-operation";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { removeSmsSender } from "./remove-sms-sender";

export const deleteSmsSenderOperation = adminOperation({
  operationId: "delete-sms-sender",
  method: "delete",
  path: "/services/{service_id}/sms-senders/{sms_sender_id}",
  tag: "senders",
  summary: "Delete an SMS sender (not the default, not an inbound number)",
  query: v.object(serviceScopeQuery),
  ok: { status: 204, description: "Deleted" },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    await changeService(service.id, () => removeSmsSender(db, service, pathParam(request, "sms_sender_id"), adminMeta(request)));
    return new Response(null, { status: 204 });
  },
});
