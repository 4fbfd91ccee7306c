/** GET /admin/services/{service_id}[?organisation_id=] → 200 service object. */
import { type AppRequest, json } from "../../http/app-request";
import { findService } from "../shared/lookup";
import { organisationScope, pathParam } from "../shared/request";
import { serviceObject } from "./service-object";

export async function getService(request: AppRequest): Promise<Response> {
  const row = await findService(request.services.db, pathParam(request, "service_id"), organisationScope(request));
  return json(serviceObject(row));
}
