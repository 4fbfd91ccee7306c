/** Query-string helpers: itty gives `string | string[]` per key; Notify rejects unknown keys. */
import { Errors } from "../errors";

export type Query = Record<string, string | string[] | undefined>;

/** Distinct values of one repeatable parameter; more are refused (each may become a bound D1 parameter). */
export const MAX_QUERY_VALUES = 20;

/** The distinct values of a repeatable parameter, in order; a 400 past MAX_QUERY_VALUES. */
export function queryList(query: Query, key: string): string[] {
  const value = query[key];
  if (value === undefined) return [];
  const values = [...new Set(Array.isArray(value) ? value : [value])];
  if (values.length > MAX_QUERY_VALUES) throw Errors.validation([`${key} has more than ${MAX_QUERY_VALUES} values`]);
  return values;
}

export function queryOne(query: Query, key: string): string | undefined {
  return queryList(query, key)[0];
}

/** Notify's `additionalProperties: false` for query strings. */
export function rejectUnknownParams(query: Query, allowed: readonly string[]): void {
  const unknown = Object.keys(query).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw Errors.validation(unknown.map((key) => `Additional properties are not allowed (${key} was unexpected)`));
  }
}

/** Rebuilds a query string from chosen keys (for Notify's links.current / links.next). */
export function buildQuery(pairs: [string, string][]): string {
  const search = new URLSearchParams(pairs);
  const text = search.toString();
  return text ? `?${text}` : "";
}
