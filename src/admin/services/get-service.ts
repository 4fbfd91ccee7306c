/** GET /services/{service_id}[?organisationId=] → 200 service object. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { ServiceObject, serviceObject } from "./service-object";

export const getServiceOperation = adminOperation({
  operationId: "get-service",
  method: "get",
  path: "/services/{service_id}",
  tag: "services",
  summary: "Get a service",
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The service", schema: ServiceObject },
  handle: async (request) => {
    const row = await scopedService(request);
    return json(serviceObject(row));
  },
});
