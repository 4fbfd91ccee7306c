/** GET /services/{service_id}/callbacks/{delivery-status|inbound-sms} → 200 callback (no token); 404 when not set. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pathParam } from "../shared/request";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { findCallback } from "./find-callback";
import { CallbackObject, callbackObject, callbackTypeOf } from "./set-callback";

export const getCallbackOperation = adminOperation({
  operationId: "get-callback",
  method: "get",
  path: "/services/{service_id}/callbacks/{callback_type}",
  tag: "callbacks",
  summary: "Get the delivery-status or inbound-sms callback (never its bearer token)",
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The callback, without its token", schema: CallbackObject },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const callbackType = callbackTypeOf(pathParam(request, "callback_type"));
    return json(callbackObject(await findCallback(db, service.id, callbackType)));
  },
});
