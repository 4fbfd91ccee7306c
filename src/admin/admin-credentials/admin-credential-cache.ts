/**
 * The per-isolate cache of admin credentials that authentication reads, as API keys are cached
 * (notifications/service-cache.ts): every admin request needs its credential, and a D1 round trip
 * per request is the largest cost. Revoking or changing a credential clears this isolate's copy at
 * once; other isolates follow within ADMIN_CREDENTIAL_TTL_MS.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { type AdminRole, adminCredentials } from "../../db/schema";
import { TtlCache } from "../../lib/ttl-cache";

export const ADMIN_CREDENTIAL_TTL_MS = 5_000;

/** What authentication needs of a credential; null caches "no such id" for the TTL too. */
export interface CachedAdminCredential {
  id: string;
  name: string;
  role: AdminRole;
  secretHash: string;
  revokedAt: number | null;
}

const cache = new TtlCache<CachedAdminCredential | null>(ADMIN_CREDENTIAL_TTL_MS);

/** The credential `id` (already lower-cased), from the cache or D1. */
export function loadAdminCredential(db: Db, id: string, now: number): Promise<CachedAdminCredential | null> {
  return cache.get(
    id,
    async () =>
      (await db
        .select({
          id: adminCredentials.id,
          name: adminCredentials.name,
          role: adminCredentials.role,
          secretHash: adminCredentials.secretHash,
          revokedAt: adminCredentials.revokedAt,
        })
        .from(adminCredentials)
        .where(eq(adminCredentials.id, id))
        .get()) ?? null,
    now,
  );
}

/** Called after every credential change, so the isolate that made it never serves the old row. */
export function invalidateAdminCredentialCache(): void {
  cache.clear();
}
