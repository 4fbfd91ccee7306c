/** DELETE /services/{service_id}/api-keys/{key_id} → 204; the key is revoked, not deleted (again: 400). */
import * as v from "valibot";
import { adminOperation } from "../admin-operation";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { revokeApiKey } from "./revoke-api-key";

export const revokeApiKeyOperation = adminOperation({
  operationId: "revoke-api-key",
  method: "delete",
  path: "/services/{service_id}/api-keys/{key_id}",
  tag: "api-keys",
  summary: "Revoke an API key (it never authenticates again; the row stays for the audit trail)",
  query: v.object(serviceScopeQuery),
  ok: { status: 204, description: "Revoked" },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    await changeService(service.id, () => revokeApiKey(db, service, pathParam(request, "key_id"), adminMeta(request)));
    return new Response(null, { status: 204 });
  },
});
