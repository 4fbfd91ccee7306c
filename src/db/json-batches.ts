/**
 * Many rows in one D1 statement: the rows travel as one JSON array parameter that SQLite unpacks
 * with json_each, since D1 binds at most 100 parameters per statement. Each array is kept well
 * under D1's limits for one statement (1 MB) and one value (2 MB).
 */
import { type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

const MAX_JSON_BYTES = 700_000;

/** The rows as JSON arrays of at most MAX_JSON_BYTES each, in order. */
export function jsonArrays(rows: readonly unknown[]): string[] {
  const arrays: string[] = [];
  let group: string[] = [];
  let size = 0;
  const flush = () => {
    if (group.length > 0) arrays.push(`[${group.join(",")}]`);
    group = [];
    size = 0;
  };
  for (const row of rows) {
    const json = JSON.stringify(row);
    if (size + json.length > MAX_JSON_BYTES) flush();
    group.push(json);
    size += json.length + 1;
  }
  flush();
  return arrays;
}

/** `column IN (…)` for any number of values with ONE bound parameter: `values` as a JSON array. */
export function inJsonArray(column: SQLiteColumn, values: readonly string[] | string): SQL {
  const json = typeof values === "string" ? values : JSON.stringify(values);
  return sql`${column} IN (SELECT value FROM json_each(${json}))`;
}
