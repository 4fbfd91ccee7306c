/**
 * api_keys.last_used_at, shown to administrators so an unused key can be found and revoked. Written
 * at most once a minute per key per isolate: a write per request would double the D1 writes of
 * the hot path for a value nobody needs to the second.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { apiKeys } from "../../db/schema";
import { atMostEvery } from "../../lib/at-most-every";

export const API_KEY_LAST_USED_INTERVAL_MS = 60_000;

const lastUsed = atMostEvery(API_KEY_LAST_USED_INTERVAL_MS, "api_key_last_used_write_failed");

export function recordApiKeyUse(db: Db, keyId: string, now: number): Promise<void> {
  return lastUsed.run(keyId, now, () => db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, keyId)).run());
}
