/**
 * Inserting many notifications in ONE D1 statement: the rows travel as a single JSON parameter and
 * SQLite unpacks them with json_each. D1 allows 100 bound parameters per statement, so a plain
 * multi-row INSERT of a 30-column table fits only 3 rows; this fits thousands. Used by the OrgGate's
 * group commit (API sends) and by bulk job expansion.
 */
import { getTableColumns, is, SQL } from "drizzle-orm";
import { notifications } from "./schema";

export type NotificationInsert = typeof notifications.$inferInsert;

const columns = Object.entries(getTableColumns(notifications)).map(([key, column]) => ({
  key: key as keyof NotificationInsert,
  name: column.name,
  // Literal defaults are applied here; SQL defaults (created_at) must be given by the caller.
  fallback: column.hasDefault && !is(column.default, SQL) ? (column.default as unknown) : null,
  json: column.dataType === "json",
}));

/** Keep each statement's JSON well under D1's 1 MB statement / 2 MB value limits. */
const MAX_JSON_BYTES = 700_000;

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
  const statements: D1PreparedStatement[] = [];
  let chunk: string[] = [];
  let size = 0;
  const sql = ignoreExisting ? INSERT_OR_IGNORE : INSERT;
  const flush = () => {
    if (chunk.length > 0) statements.push(d1.prepare(sql).bind(`[${chunk.join(",")}]`));
    chunk = [];
    size = 0;
  };
  for (const row of rows) {
    const json = JSON.stringify(toJsonRow(row));
    if (size + json.length > MAX_JSON_BYTES) flush();
    chunk.push(json);
    size += json.length + 1;
  }
  flush();
  const results = await d1.batch(statements);
  return results.reduce((sum, result) => sum + (result.meta.changes ?? 0), 0);
}
