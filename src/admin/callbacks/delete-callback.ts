/** DELETE /services/{service_id}/callbacks/{delivery-status|inbound-sms} → 204; 404 when not set. */
import * as v from "valibot";
import { adminOperation } from "../admin-operation";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { removeCallback } from "./remove-callback";
import { callbackTypeOf } from "./set-callback";

export const deleteCallbackOperation = adminOperation({
  operationId: "delete-callback",
  method: "delete",
  path: "/services/{service_id}/callbacks/{callback_type}",
  tag: "callbacks",
  summary: "Remove the delivery-status or inbound-sms callback (no more callbacks of that type are sent)",
  query: v.object(serviceScopeQuery),
  ok: { status: 204, description: "Removed" },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const callbackType = callbackTypeOf(pathParam(request, "callback_type"));
    await changeService(service.id, () => removeCallback(db, service, callbackType, adminMeta(request)));
    return new Response(null, { status: 204 });
  },
});
