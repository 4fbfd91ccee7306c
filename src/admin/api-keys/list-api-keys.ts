/**
 * GET /services/{service_id}/api-keys[?revoked=&pageSize=&after=] → 200 {api_keys, links}, oldest
 * first, revoked keys included unless `revoked=false` (no secrets). The filter is part of the list,
 * so `after` must be a key of the same filtered list.
 */
import { and, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import * as v from "valibot";
import { apiKeys } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pageLinks } from "../shared/object-fields";
import { listPage, pageLinksFor, pageQuery } from "../shared/paging";
import { queryFlag } from "../shared/query-fields";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { ApiKeyObject, type ApiKeyRow, apiKeyObject } from "./api-key-object";

const ListApiKeysQuery = v.object({
  ...serviceScopeQuery,
  ...pageQuery,
  revoked: queryFlag("true: only revoked keys; false: only active ones; default: both"),
});

function revokedFilter(revoked: boolean | undefined): SQL | undefined {
  if (revoked === undefined) return undefined;
  return revoked ? isNotNull(apiKeys.revokedAt) : isNull(apiKeys.revokedAt);
}

export const listApiKeysOperation = adminOperation({
  operationId: "list-api-keys",
  method: "get",
  path: "/services/{service_id}/api-keys",
  tag: "api-keys",
  summary: "List a service's API keys, oldest first, revoked ones included unless filtered out (never a secret)",
  query: ListApiKeysQuery,
  ok: { status: 200, description: "A page of keys", schema: v.object({ api_keys: v.array(ApiKeyObject), links: pageLinks }) },
  handle: async (request, { query }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const scope = and(eq(apiKeys.serviceId, service.id), revokedFilter(query.revoked));
    const page = await listPage<ApiKeyRow>(db, { table: apiKeys, id: apiKeys.id, createdAt: apiKeys.createdAt }, scope, query);
    return json({ api_keys: page.rows.map(apiKeyObject), links: pageLinksFor(request.url, page) });
  },
});
