/**
 * Loading a service with its API keys for authentication. authenticate.ts keeps the result in the
 * per-isolate credentials cache (notifications/service-cache.ts: 5 s, dropped at once in the
 * isolate that made an admin change); decrypting a key's secret and importing it as an HMAC key
 * are cached longer because a key's ciphertext never changes.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { apiKeys, organisations, services } from "../../db/schema";
import type { SecretBox } from "../../lib/crypto";
import { errorFields, log } from "../../lib/log";

export type ServiceRow = typeof services.$inferSelect;

export interface ServiceKey {
  id: string;
  name: string;
  keyType: "normal" | "team" | "test";
  revokedAt: number | null;
  hmacKey: CryptoKey;
}

export interface ServiceCredentials {
  service: ServiceRow;
  orgSendRate: number | null;
  keys: ServiceKey[];
}

/** Settled keys only: a pending promise must not be shared across requests (see lib/ttl-cache.ts). */
const hmacKeys = new Map<string, CryptoKey>();

async function hmacKeyFor(keyId: string, ciphertext: string, secrets: SecretBox): Promise<CryptoKey> {
  const cacheKey = `${keyId}:${ciphertext}`;
  const cachedKey = hmacKeys.get(cacheKey);
  if (cachedKey) return cachedKey;
  const secret = await secrets.decrypt(ciphertext);
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  if (hmacKeys.size > 10_000) hmacKeys.clear();
  hmacKeys.set(cacheKey, key);
  return key;
}

/**
 * A key whose secret does not decrypt (a partial KEY_ENCRYPTION_KEY rotation, a damaged row) is
 * left out and logged: that key stops working, the service's other keys do not.
 */
async function usableHmacKey(keyId: string, ciphertext: string, secrets: SecretBox): Promise<CryptoKey | null> {
  try {
    return await hmacKeyFor(keyId, ciphertext, secrets);
  } catch (error) {
    log.error("api_key_undecryptable", { api_key_id: keyId, ...errorFields(error) });
    return null;
  }
}

/** One D1 round trip: the service, its organisation's send rate and all its keys (revoked too). */
export async function loadServiceCredentials(db: Db, secrets: SecretBox, serviceId: string): Promise<ServiceCredentials | null> {
  const rows = await db
    .select({ service: services, orgSendRate: organisations.sendRatePerMinute, key: apiKeys })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .leftJoin(apiKeys, eq(apiKeys.serviceId, services.id))
    .where(eq(services.id, serviceId));
  const first = rows[0];
  if (!first) return null;
  const keys = await Promise.all(
    rows
      .map((row) => row.key)
      .filter((key): key is typeof apiKeys.$inferSelect => key !== null)
      .map(async (key) => {
        const hmacKey = await usableHmacKey(key.id, key.secretEncrypted, secrets);
        return hmacKey && { id: key.id, name: key.name, keyType: key.keyType, revokedAt: key.revokedAt, hmacKey };
      }),
  );
  return { service: first.service, orgSendRate: first.orgSendRate, keys: keys.filter((key) => key !== null) };
}
