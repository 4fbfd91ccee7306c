/**
 * Notify's `older_than` paging: newest first, ordered by (created_at, id), and a page continues
 * after the row the caller names. The row must belong to the caller's service; an unknown id ends
 * the list (Notify answers an empty page).
 */
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./database";

/** The columns paging reads. */
export interface PagedTable {
  table: SQLiteTable;
  id: SQLiteColumn;
  createdAt: SQLiteColumn;
  serviceId: SQLiteColumn;
}

/** The condition "older than row `olderThan`", or null when that row is not the service's. */
export async function olderThanRow(db: Db, paged: PagedTable, serviceId: string, olderThanId: string): Promise<SQL | null> {
  const cursor = await db
    .select({ createdAt: paged.createdAt, id: paged.id })
    .from(paged.table)
    .where(and(eq(paged.id, olderThanId.toLowerCase()), eq(paged.serviceId, serviceId)))
    .get();
  if (!cursor) return null;
  return or(lt(paged.createdAt, cursor.createdAt), and(eq(paged.createdAt, cursor.createdAt), lt(paged.id, cursor.id))) ?? null;
}

/** Newest first, ties by id, so a page boundary never splits or repeats rows. */
export function newestFirst(paged: PagedTable): SQL[] {
  return [desc(paged.createdAt), desc(paged.id)];
}
