/** DELETE /admin/services/{service_id}/api-keys/{key_id} → 204; the key is revoked, not deleted. */
import type { AppRequest } from "../../http/app-request";
import { findService } from "../shared/lookup";
import { adminMeta, organisationScope, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { revokeApiKey } from "./revoke-api-key";

export async function deleteApiKey(request: AppRequest): Promise<Response> {
  const { db } = request.services;
  const service = await findService(db, pathParam(request, "service_id"), organisationScope(request));
  await changeService(service.id, () => revokeApiKey(db, service, pathParam(request, "key_id"), adminMeta(request)));
  return new Response(null, { status: 204 });
}
