/** GET /services/{service_id}/api-keys → 200 {api_keys: [...]} (revoked ones too; no secrets). */
import { asc, eq } from "drizzle-orm";
import * as v from "valibot";
import { apiKeys } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { findService } from "../shared/lookup";
import { pathParam } from "../shared/request";
import { organisationScope, serviceScopeQuery } from "../shared/service-scope";
import { ApiKeyObject, apiKeyObject } from "./api-key-object";

export const listApiKeysOperation = adminOperation({
  operationId: "list-api-keys",
  method: "get",
  path: "/services/{service_id}/api-keys",
  tag: "api-keys",
  summary: "List a service's API keys, revoked ones included (never a secret)",
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The keys, oldest first", schema: v.object({ api_keys: v.array(ApiKeyObject) }) },
  handle: async (request) => {
    const { db } = request.services;
    const service = await findService(db, pathParam(request, "service_id"), organisationScope(request));
    const rows = await db.select().from(apiKeys).where(eq(apiKeys.serviceId, service.id)).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
    return json({ api_keys: rows.map(apiKeyObject) });
  },
});
