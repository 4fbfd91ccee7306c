/**
 * The one way a credential's revoked_at or role changes. "Never leave the deployment without an
 * active admin credential" cannot be a check followed by a write: two requests revoking the last
 * two admins would both pass it. So the rule is the WHERE clause of the UPDATE itself, and the
 * audit row is inserted under the same condition in the same batch (auditInsertIf), which makes
 * the change, its audit row and the check one transaction. The caller reads `changed` and, when
 * the guard refused, re-reads the row to say why.
 */
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { type AdminRole, adminCredentials } from "../../db/schema";
import { type AuditEntry, auditInsertIf, type ChangeMeta } from "../audit";
import { invalidateAdminCredentialCache } from "./admin-credential-cache";
import type { AdminCredentialRow } from "./admin-credential-object";

export interface CredentialChange {
  id: string;
  /** Set for a role change: the row must still have this role, so the audit's `from` is true. */
  expectedRole?: AdminRole;
  set: Partial<Pick<AdminCredentialRow, "role" | "revokedAt">>;
  audit: AuditEntry;
}

/**
 * Active, still in the expected role, and either not an admin or not the last active one. A change
 * that keeps the row an active admin (promotion) passes the last clause because its role is not
 * yet 'admin'.
 */
function guard(change: CredentialChange): SQL | undefined {
  const activeAdmins = sql`(SELECT count(*) FROM ${adminCredentials} AS others WHERE others.role = 'admin' AND others.revoked_at IS NULL)`;
  return and(
    eq(adminCredentials.id, change.id),
    isNull(adminCredentials.revokedAt),
    change.expectedRole === undefined ? undefined : eq(adminCredentials.role, change.expectedRole),
    sql`(${adminCredentials.role} <> 'admin' OR ${activeAdmins} > 1)`,
  );
}

/** Applies the change and its audit row if the guard holds; whether it did. */
export async function applyCredentialChange(db: Db, change: CredentialChange, meta: ChangeMeta): Promise<boolean> {
  const where = guard(change);
  const [, update] = await db.batch([
    auditInsertIf(db, meta, change.audit, sql`EXISTS (SELECT 1 FROM ${adminCredentials} WHERE ${where})`),
    db.update(adminCredentials).set(change.set).where(where),
  ]);
  const changed = update.meta.changes === 1;
  if (changed) invalidateAdminCredentialCache();
  return changed;
}
