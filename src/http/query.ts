/** Query-string helpers: itty gives `string | string[]` per key; Notify rejects unknown keys. */
import { Errors } from "../errors";

export type Query = Record<string, string | string[] | undefined>;

export function queryList(query: Query, key: string): string[] {
  const value = query[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
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
