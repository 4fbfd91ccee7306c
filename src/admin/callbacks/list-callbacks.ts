/** GET /services/{service_id}/callbacks → 200 {callbacks: [callback]}: those set, at most one per type, never a token. */
import { asc, eq } from "drizzle-orm";
import * as v from "valibot";
import { serviceCallbacks } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { CallbackObject, callbackObject } from "./set-callback";

export const listCallbacksOperation = adminOperation({
  operationId: "list-callbacks",
  method: "get",
  path: "/services/{service_id}/callbacks",
  tag: "callbacks",
  summary: "List a service's callbacks (delivery-status and inbound-sms, those set; never a bearer token)",
  query: v.object(serviceScopeQuery),
  // Not paged: a service has at most one callback per type.
  ok: { status: 200, description: "The callbacks set", schema: v.object({ callbacks: v.array(CallbackObject) }) },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const rows = await db
      .select()
      .from(serviceCallbacks)
      .where(eq(serviceCallbacks.serviceId, service.id))
      .orderBy(asc(serviceCallbacks.callbackType));
    return json({ callbacks: rows.map(callbackObject) });
  },
});
