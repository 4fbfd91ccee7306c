/**
 * How admin credentials appear in the admin API, and the bodies that create and change them. The
 * valibot schemas double as the OpenAPI description; the token itself is never part of the object
 * (it is returned once, beside it, by createAdminCredential).
 */
import * as v from "valibot";
import { ADMIN_ROLES, type adminCredentials } from "../../db/schema";
import { formatTimestamp } from "../../lib/time";
import { oneOf, text } from "../shared/fields";

export type AdminCredentialRow = typeof adminCredentials.$inferSelect;

const timestamp = v.pipe(v.string(), v.description("Notify timestamp, YYYY-MM-DDTHH:MM:SS.ffffffZ (UTC)"));

export const AdminCredentialObject = v.object({
  id: v.pipe(v.string(), v.uuid()),
  name: v.string(),
  role: v.picklist(ADMIN_ROLES),
  created_at: timestamp,
  /** The actor that created it: a credential name, or "bootstrap" for the ADMIN_TOKEN. */
  created_by: v.string(),
  revoked_at: v.nullable(timestamp),
  /** Written behind, so it can lag a real use by up to a minute. */
  last_used_at: v.nullable(timestamp),
  /** Refused tokens that named this credential (wrong secret, or used after revocation). */
  failed_attempts: v.pipe(v.number(), v.integer()),
});
export type AdminCredentialObject = v.InferOutput<typeof AdminCredentialObject>;

export function adminCredentialObject(row: AdminCredentialRow): AdminCredentialObject {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    created_at: formatTimestamp(row.createdAt),
    created_by: row.createdBy,
    revoked_at: formatTimestamp(row.revokedAt),
    last_used_at: formatTimestamp(row.lastUsedAt),
    failed_attempts: row.failedAttempts,
  };
}

/** POST body: a name (unique, revoked credentials included) and a role. */
export const NewAdminCredentialBody = v.object({ name: text(100), role: oneOf(ADMIN_ROLES) });
export type NewAdminCredentialBody = v.InferOutput<typeof NewAdminCredentialBody>;

/** PATCH/PUT body: the new role; the name and secret never change (issue a new credential instead). */
export const ChangeAdminCredentialBody = v.object({ role: oneOf(ADMIN_ROLES) });
export type ChangeAdminCredentialBody = v.InferOutput<typeof ChangeAdminCredentialBody>;
