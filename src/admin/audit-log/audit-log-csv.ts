/**
 * The audit log as CSV (RFC 4180): a header row, CRLF line ends, a field quoted when it holds a
 * comma, quote, CR or LF (quotes doubled), null as an empty field, `details` as compact JSON.
 *
 * Audit fields carry values an admin typed (names, template names, URLs in details), and the file is
 * meant to be opened in a spreadsheet, which runs a cell starting with `=`, `+`, `-` or `@` (or a
 * tab or CR, which some strip first) as a formula. Such a cell gets a leading `'` (OWASP's advice),
 * which spreadsheets show as text; the value is otherwise kept as it was.
 */
import type { AuditEntryObject } from "./audit-entry-object";

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "actor",
  "action",
  "organisation_id",
  "service_id",
  "target_type",
  "target_id",
  "details",
  "request_id",
] as const satisfies readonly (keyof AuditEntryObject)[];

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The header row and one row per entry, each line ending in CRLF. */
export function auditLogCsv(entries: readonly AuditEntryObject[]): string {
  return auditCsvHeader() + auditCsvRows(entries);
}

export function auditCsvHeader(): string {
  return csvLine(AUDIT_CSV_COLUMNS);
}

/** The rows without the header, for an export written page by page. */
export function auditCsvRows(entries: readonly AuditEntryObject[]): string {
  return entries.map((entry) => csvLine(AUDIT_CSV_COLUMNS.map((column) => cellText(entry[column])))).join("");
}

function cellText(value: AuditEntryObject[keyof AuditEntryObject]): string {
  if (value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

/** One field: formula-neutralised, then quoted if needed. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
