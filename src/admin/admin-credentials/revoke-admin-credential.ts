/**
 * Revoking an admin credential: its token never authenticates again (at once in this isolate,
 * within ADMIN_CREDENTIAL_TTL_MS elsewhere). The row stays, so the audit log's names still resolve.
 * Unlike an API key, revoking twice is an error: an operator who thinks they revoked a live
 * credential should learn that someone already had.
 */

import type { Db } from "../../db/database";
import { Errors } from "../../errors";
import type { ChangeMeta } from "../audit";
import type { AdminCredentialObject } from "./admin-credential-object";
import { applyCredentialChange } from "./guarded-credential-change";
import { findAdminCredential, findAdminCredentialRow } from "./read-admin-credentials";

export async function revokeAdminCredential(db: Db, id: string, meta: ChangeMeta): Promise<AdminCredentialObject> {
  const row = await findAdminCredentialRow(db, id);
  if (row.revokedAt !== null) throw alreadyRevoked();
  const changed = await applyCredentialChange(
    db,
    {
      id: row.id,
      set: { revokedAt: meta.at },
      audit: {
        action: "admin_credential.revoke",
        organisationId: null,
        serviceId: null,
        targetType: "admin_credential",
        targetId: row.id,
        details: { name: row.name, role: row.role },
      },
    },
    meta,
  );
  if (!changed) {
    // The guard refused: revoked meanwhile, or the last active admin.
    const now = await findAdminCredentialRow(db, row.id);
    throw now.revokedAt !== null ? alreadyRevoked() : Errors.badRequest("Cannot revoke the last active admin credential");
  }
  return findAdminCredential(db, row.id);
}

function alreadyRevoked() {
  return Errors.badRequest("Admin credential is already revoked");
}
