/**
 * What authentication writes back about a credential: when it was last used, and refused tokens
 * that named it. last_used_at is written behind, at most once a minute per credential per isolate,
 * so a busy operator's requests are not each a D1 write; failures are rare and always written,
 * each as one UPDATE, because an operator reviewing a possible leak needs every one.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { adminCredentials } from "../../db/schema";
import { atMostEvery } from "../../lib/at-most-every";
import { log } from "../../lib/log";

export const LAST_USED_INTERVAL_MS = 60_000;

const lastUsed = atMostEvery(LAST_USED_INTERVAL_MS, "admin_last_used_write_failed");
/** Per isolate: refused admin tokens since the isolate started, logged with each failure. */
let isolateFailures = 0;

export interface UsageDeps {
  db: Db;
}

/** Records a successful use, unless this isolate recorded one for the credential within the last minute. */
export function recordAdminCredentialUse(deps: UsageDeps, credentialId: string, now: number): Promise<void> {
  return lastUsed.run(credentialId, now, () =>
    deps.db.update(adminCredentials).set({ lastUsedAt: now }).where(eq(adminCredentials.id, credentialId)).run(),
  );
}

export type AdminAuthFailure = "malformed" | "unknown_credential" | "revoked" | "wrong_secret";

/**
 * Logs a refused token (the reason and the credential id it named, never the token or secret) and,
 * when it named a credential that exists, counts it on that row.
 */
export async function recordAdminAuthFailure(
  deps: UsageDeps,
  reason: AdminAuthFailure,
  credentialId: string | null,
  existing: boolean,
  now: number,
): Promise<void> {
  isolateFailures += 1;
  log.warn("admin_auth_failed", { reason, credential_id: credentialId, isolate_failures: isolateFailures });
  if (!existing || credentialId === null) return;
  await deps.db
    .update(adminCredentials)
    .set({ failedAttempts: sql`${adminCredentials.failedAttempts} + 1`, lastFailedAt: now })
    .where(eq(adminCredentials.id, credentialId))
    .run();
}

/** Forgets this isolate's write-behind state (tests that need a fresh isolate's behaviour). */
export function resetAdminCredentialUsage(): void {
  lastUsed.reset();
}
