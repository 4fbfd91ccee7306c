/**
 * Issuing a named admin credential. The full token is returned once and cannot be read back: only
 * the hash of its secret is stored (admin-token.ts), and neither the token nor the hash is audited.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { type AdminRole, adminCredentials } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsert, type ChangeMeta, SYSTEM_ACTORS } from "../audit";
import { runUniqueBatch } from "../shared/batch";
import { invalidateAdminCredentialCache } from "./admin-credential-cache";
import { type AdminCredentialObject, type AdminCredentialRow, adminCredentialObject } from "./admin-credential-object";
import { formatAdminToken, hashAdminSecret, newAdminSecret } from "./admin-token";

export interface NewAdminCredential {
  name: string;
  role: AdminRole;
}

export interface CreatedAdminCredential {
  credential: AdminCredentialObject;
  /** `nnladm-<id>-<secret>`, shown this once. */
  token: string;
}

/**
 * Names are unique across all credentials, revoked ones included, and compared case-insensitively
 * here (as organisation names are): the audit log names actors, and "ops" and "Ops" would be two.
 */
export async function createAdminCredential(db: Db, input: NewAdminCredential, meta: ChangeMeta): Promise<CreatedAdminCredential> {
  const reserved = Object.values(SYSTEM_ACTORS).find((actor) => actor === input.name.toLowerCase());
  if (reserved) throw Errors.badRequest(`'${input.name}' is reserved for the audit log's own actors; choose another name`);
  // Console users are named in the audit log by their email address; a credential must not pass for one.
  if (input.name.includes("@"))
    throw Errors.badRequest("A credential name cannot contain '@': the audit log names console users by email address");
  const duplicate = await db
    .select({ id: adminCredentials.id })
    .from(adminCredentials)
    .where(sql`lower(${adminCredentials.name}) = lower(${input.name})`)
    .get();
  if (duplicate) throw duplicateName(input.name);

  const secret = newAdminSecret();
  const row: AdminCredentialRow = {
    id: crypto.randomUUID(),
    name: input.name,
    role: input.role,
    secretHash: await hashAdminSecret(secret),
    createdAt: meta.at,
    createdBy: meta.actor,
    revokedAt: null,
    lastUsedAt: null,
    failedAttempts: 0,
    lastFailedAt: null,
  };
  await runUniqueBatch(
    db,
    [
      db.insert(adminCredentials).values(row),
      auditInsert(db, meta, {
        action: "admin_credential.create",
        organisationId: null,
        serviceId: null,
        targetType: "admin_credential",
        targetId: row.id,
        details: { name: row.name, role: row.role },
      }),
    ],
    () => duplicateName(input.name),
  );
  // A lookup of this id before it existed may have cached "unknown".
  invalidateAdminCredentialCache();
  return { credential: adminCredentialObject(row), token: formatAdminToken(row.id, secret) };
}

function duplicateName(name: string) {
  return Errors.badRequest(`An admin credential named '${name}' already exists`);
}
