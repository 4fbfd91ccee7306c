/** GET /services/{service_id}/api-keys/{key_id} → 200 key object (never its secret). */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pathParam } from "../shared/request";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { ApiKeyObject, apiKeyObject } from "./api-key-object";
import { findApiKey } from "./find-api-key";

export const getApiKeyOperation = adminOperation({
  operationId: "get-api-key",
  method: "get",
  path: "/services/{service_id}/api-keys/{key_id}",
  tag: "api-keys",
  summary: "Get an API key: its name, type and whether it is revoked (never the secret)",
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The key", schema: ApiKeyObject },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    return json(apiKeyObject(await findApiKey(db, service.id, pathParam(request, "key_id"))));
  },
});
