/** Reading admin credentials back: all of them, revoked included, and one by id. No secrets, no hashes. */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { adminCredentials } from "../../db/schema";
import { Errors } from "../../errors";
import { isUuid } from "../../lib/ids";
import { type AdminCredentialObject, type AdminCredentialRow, adminCredentialObject } from "./admin-credential-object";

/** Oldest first (ties by id), revoked ones included so the audit log's actor names can be looked up. */
export async function listAdminCredentials(db: Db): Promise<AdminCredentialObject[]> {
  const rows = await db.select().from(adminCredentials).orderBy(asc(adminCredentials.createdAt), asc(adminCredentials.id));
  return rows.map(adminCredentialObject);
}

export async function findAdminCredential(db: Db, id: string): Promise<AdminCredentialObject> {
  return adminCredentialObject(await findAdminCredentialRow(db, id));
}

/** The row, for the changes; an id that is not a UUID gets the same 404 as one that does not exist. */
export async function findAdminCredentialRow(db: Db, id: string): Promise<AdminCredentialRow> {
  const row = isUuid(id) ? await db.select().from(adminCredentials).where(eq(adminCredentials.id, id.toLowerCase())).get() : undefined;
  if (!row) throw Errors.notFound("Admin credential not found");
  return row;
}
