/**
 * Inserting many notifications in one D1 statement (json-batches.ts): a plain multi-row INSERT of
 * a 30-column table would fit 3 rows under D1's 100 parameters; this fits thousands. Used by the
 * OrgGate's group commit of API sends. Bulk job expansion has its own INSERT
 * (jobs/insert-job-notifications.ts): its rows share most columns and it must insert only while
 * the job runs.
 */
import { getTableColumns, is, SQL } from "drizzle-orm";
import { jsonArrays } from "./json-batches";
import { notifications } from "./schema";

export type NotificationInsert = typeof notifications.$inferInsert;

const columns = Object.entries(getTableColumns(notifications)).map(([key, column]) => ({
  key: key as keyof NotificationInsert,
  name: column.name,
  // Literal defaults are applied here; SQL defaults (created_at) must be given by the caller.
  fallback: column.hasDefault && !is(column.default, SQL) ? (column.default as unknown) : null,
  json: column.dataType === "json",
}));

const statementFor = (orIgnore: boolean) =>
  `INSERT ${orIgnore ? "OR IGNORE " : ""}INTO notifications (${columns.map((c) => `"${c.name}"`).join(", ")}) ` +
  `SELECT ${columns.map((c) => `json_extract(value, '$.${c.name}')`).join(", ")} FROM json_each(?)`;
const INSERT = statementFor(false);
const INSERT_OR_IGNORE = statementFor(true);

function toJsonRow(row: NotificationInsert): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    const value = row[column.key] ?? column.fallback;
    // json_extract turns a nested object into its JSON text, which is how drizzle stores json columns.
    out[column.name] = value ?? null;
  }
  return out;
}

/**
 * Inserts `rows` in as few statements as fit, all in one D1 batch (one transaction).
 * With `ignoreExisting`, rows whose id exists are skipped; returns how many rows were inserted.
 */
export async function insertNotifications(d1: D1Database, rows: NotificationInsert[], { ignoreExisting = false } = {}): Promise<number> {
  if (rows.length === 0) return 0;
  const sql = ignoreExisting ? INSERT_OR_IGNORE : INSERT;
  const statements = jsonArrays(rows.map(toJsonRow)).map((array) => d1.prepare(sql).bind(array));
  const results = await d1.batch(statements);
  return results.reduce((sum, result) => sum + (result.meta.changes ?? 0), 0);
}
