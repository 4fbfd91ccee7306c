/** How API keys appear in the admin API. The secret is never shown again after creation. */
import * as v from "valibot";
import type { apiKeys } from "../../db/schema";
import { formatTimestamp } from "../../lib/time";
import { id, optionalTimestamp, timestamp } from "../shared/object-fields";

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type KeyType = ApiKeyRow["keyType"];
export const KEY_TYPES = ["normal", "team", "test"] as const satisfies readonly KeyType[];

/** A key in listings: no secret, not even encrypted. */
export const ApiKeyObject = v.object({
  id,
  service_id: id,
  name: v.string(),
  key_type: v.picklist(KEY_TYPES),
  created_at: timestamp,
  revoked_at: optionalTimestamp,
  last_used_at: v.pipe(optionalTimestamp, v.description("When the key last authenticated a request; null if never (or not yet known)")),
});
export type ApiKeyObject = v.InferOutput<typeof ApiKeyObject>;

export function apiKeyObject(row: ApiKeyRow): ApiKeyObject {
  return {
    id: row.id,
    service_id: row.serviceId,
    name: row.name,
    key_type: row.keyType,
    created_at: formatTimestamp(row.createdAt),
    revoked_at: formatTimestamp(row.revokedAt),
    last_used_at: formatTimestamp(row.lastUsedAt),
  };
}
