/**
 * An INSERT that happens only while a condition holds (INSERT … SELECT … WHERE), for guarded
 * batches: a change and its audit row (src/admin/audit.ts auditInsertIf), an account made once
 * when an invitation is accepted twice at once, a reset link only under the hourly limit.
 */
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./database";

/** Inserts `row` (every column given) when `condition` is true; otherwise the statement changes nothing. */
export function insertIf<T extends SQLiteTable>(db: Db, table: T, row: T["$inferSelect"], condition: SQL) {
  const values = Object.entries(getTableColumns(table)).map(([key, column]) =>
    sql.param((row as Record<string, unknown>)[key] ?? null, column),
  );
  // In the table's column order, which is the order drizzle names the columns of INSERT … SELECT.
  return db.insert(table).select(sql`SELECT ${sql.join(values, sql`, `)} WHERE ${condition}`);
}
