/**
 * Changing a credential's role (admin ⇄ read-only). The name and secret never change: to replace a
 * token, issue a new credential and revoke the old one. Asking for the role it already has changes
 * nothing and writes no audit row.
 */
import type { Db } from "../../db/database";
import type { AdminRole } from "../../db/schema";
import { Errors } from "../../errors";
import type { ChangeMeta } from "../audit";
import { type AdminCredentialObject, adminCredentialObject } from "./admin-credential-object";
import { applyCredentialChange } from "./guarded-credential-change";
import { findAdminCredential, findAdminCredentialRow } from "./read-admin-credentials";

export async function changeAdminCredentialRole(db: Db, id: string, role: AdminRole, meta: ChangeMeta): Promise<AdminCredentialObject> {
  const row = await findAdminCredentialRow(db, id);
  if (row.revokedAt !== null) throw revoked();
  if (row.role === role) return adminCredentialObject(row);
  const changed = await applyCredentialChange(
    db,
    {
      id: row.id,
      expectedRole: row.role,
      set: { role },
      audit: {
        action: "admin_credential.update",
        organisationId: null,
        serviceId: null,
        targetType: "admin_credential",
        targetId: row.id,
        details: { name: row.name, role: { from: row.role, to: role } },
      },
    },
    meta,
  );
  if (!changed) {
    // The guard refused: revoked meanwhile, changed to this role meanwhile, or the last active admin.
    const now = await findAdminCredentialRow(db, row.id);
    if (now.revokedAt !== null) throw revoked();
    if (now.role === role) return adminCredentialObject(now);
    throw Errors.badRequest("Cannot demote the last active admin credential");
  }
  return findAdminCredential(db, row.id);
}

function revoked() {
  return Errors.badRequest("Cannot change the role of a revoked admin credential");
}
