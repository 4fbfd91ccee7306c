/**
 * A service's API keys for the list page: active keys first, then the revoked ones, each oldest
 * first (the admin list, src/admin/api-keys/list-api-keys.ts, is one paged list in creation order).
 */
import { asc, eq, sql } from "drizzle-orm";
import type { ApiKeyRow } from "../../../admin/api-keys/api-key-object";
import type { Db } from "../../../db/database";
import { apiKeys } from "../../../db/schema";

export function serviceApiKeys(db: Db, serviceId: string): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.serviceId, serviceId))
    .orderBy(sql`${apiKeys.revokedAt} IS NOT NULL`, asc(apiKeys.createdAt), asc(apiKeys.id));
}
