/**
 * Who holds an admin bearer token: the bootstrap ADMIN_TOKEN (the deployment's secret, always an
 * admin, so a deployment can never lock itself out) or a named credential (`nnladm-<id>-<secret>`).
 * Returns null for anything else; the HTTP layer answers 401 without saying why, and the reason is
 * only logged (admin_auth_failed).
 */
import type { Db } from "../../db/database";
import type { AdminRole } from "../../db/schema";
import { timingSafeEqual } from "../../lib/crypto";
import type { Clock } from "../../lib/time";
import { SYSTEM_ACTORS } from "../audit";
import { loadAdminCredential } from "./admin-credential-cache";
import { recordAdminAuthFailure, recordAdminCredentialUse } from "./admin-credential-usage";
import { hashAdminSecret, parseAdminToken } from "./admin-token";

/** The audit actor name of the bootstrap token. */
export const BOOTSTRAP_ACTOR = SYSTEM_ACTORS.bootstrap;

export interface AdminCaller {
  /** The credential id; null for the bootstrap token. */
  id: string | null;
  /** The audit log's actor. */
  name: string;
  role: AdminRole;
}

export interface AdminAuthDeps {
  db: Db;
  /** ADMIN_TOKEN; an empty one matches nothing. */
  bootstrapToken: string;
  clock: Clock;
}

export async function authenticateAdminToken(deps: AdminAuthDeps, token: string): Promise<AdminCaller | null> {
  const now = deps.clock.now();
  if (deps.bootstrapToken !== "" && timingSafeEqual(token, deps.bootstrapToken)) {
    return { id: null, name: BOOTSTRAP_ACTOR, role: "admin" };
  }
  const parsed = parseAdminToken(token);
  if (!parsed) {
    await recordAdminAuthFailure(deps, "malformed", null, false, now);
    return null;
  }
  const credential = await loadAdminCredential(deps.db, parsed.credentialId, now);
  if (!credential) {
    await recordAdminAuthFailure(deps, "unknown_credential", parsed.credentialId, false, now);
    return null;
  }
  // Compared before the revoked check, so a revoked credential costs the same as a live one.
  const matches = timingSafeEqual(await hashAdminSecret(parsed.secret), credential.secretHash);
  if (!matches || credential.revokedAt !== null) {
    await recordAdminAuthFailure(deps, matches ? "revoked" : "wrong_secret", credential.id, true, now);
    return null;
  }
  await recordAdminCredentialUse(deps, credential.id, now);
  return { id: credential.id, name: credential.name, role: credential.role };
}
