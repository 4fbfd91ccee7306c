/**
 * Finding the tenant rows a request refers to. An id that is not a UUID, does not exist, or belongs
 * to another organisation than the caller named is "unknown": always the same 404, so the admin API
 * never confirms that another organisation's service exists.
 */

import { and, eq, type InferSelectModel } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/database";
import { organisations, services } from "../../db/schema";
import { Errors } from "../../errors";
import { isUuid } from "../../lib/ids";

export type OrganisationRow = typeof organisations.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;

export async function findOrganisation(db: Db, organisationId: string): Promise<OrganisationRow> {
  const row = isUuid(organisationId)
    ? await db.select().from(organisations).where(eq(organisations.id, organisationId.toLowerCase())).get()
    : undefined;
  if (!row) throw Errors.notFound("Organisation not found");
  return row;
}

/** The service, optionally required to belong to `organisationId`; 404 otherwise. */
export async function findService(db: Db, serviceId: string, organisationId?: string): Promise<ServiceRow> {
  const row = isUuid(serviceId) ? await db.select().from(services).where(eq(services.id, serviceId.toLowerCase())).get() : undefined;
  if (!row || (organisationId !== undefined && row.organisationId !== organisationId.toLowerCase())) {
    throw Errors.notFound("Service not found");
  }
  return row;
}

/** A table whose rows belong to one service, found by their uuid `id`. */
type ServiceChildTable = SQLiteTable & { id: SQLiteColumn; serviceId: SQLiteColumn };

/**
 * The row `id` of `table` that belongs to `serviceId`; 404 `notFound` when the id is not a UUID,
 * unknown, or another service's (never telling which).
 */
export async function findServiceRow<T extends ServiceChildTable>(
  db: Db,
  table: T,
  serviceId: string,
  id: string,
  notFound: string,
): Promise<InferSelectModel<T>> {
  const row = isUuid(id)
    ? await db
        .select()
        .from(table as SQLiteTable)
        .where(and(eq(table.id, id.toLowerCase()), eq(table.serviceId, serviceId)))
        .get()
    : undefined;
  if (!row) throw Errors.notFound(notFound);
  return row as InferSelectModel<T>;
}
