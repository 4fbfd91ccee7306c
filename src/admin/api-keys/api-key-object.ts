/** How API keys appear in the admin API. The secret is never shown again after creation. */
import type { apiKeys } from "../../db/schema";
import { formatTimestamp } from "../../lib/time";

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type KeyType = ApiKeyRow["keyType"];
export const KEY_TYPES = ["normal", "team", "test"] as const satisfies readonly KeyType[];

/** A key in listings: no secret, not even encrypted. */
export interface ApiKeyObject {
  id: string;
  service_id: string;
  name: string;
  key_type: KeyType;
  created_at: string;
  revoked_at: string | null;
}

export function apiKeyObject(row: ApiKeyRow): ApiKeyObject {
  return {
    id: row.id,
    service_id: row.serviceId,
    name: row.name,
    key_type: row.keyType,
    created_at: formatTimestamp(row.createdAt),
    revoked_at: formatTimestamp(row.revokedAt),
  };
}
