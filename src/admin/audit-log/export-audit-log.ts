/**
 * A whole (filtered) audit log as CSV, page by page, so an export never holds more than one page
 * in memory and the HTTP layer can stream it. An export is bounded in work: one with more than
 * `maxRows` entries is refused before the first byte (narrow it with from/to), counted with a
 * bounded query that stops at maxRows + 1. The walk itself also stops at maxRows: entries written
 * between the count and the first page could otherwise take it past the bound (entries written
 * after the first page are newer than it, so the walk never reaches them).
 */
import { and, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { auditLog } from "../../db/schema";
import { Errors } from "../../errors";
import { auditCsvHeader, auditCsvRows } from "./audit-log-csv";
import { type AuditLogFilter, filterConditions, MAX_AUDIT_PAGE_SIZE, queryAuditLog } from "./query-audit-log";

export const MAX_EXPORT_ROWS = 100_000;

export interface ExportOptions {
  maxRows?: number;
  pageSize?: number;
}

/**
 * Checks the size, then returns the CSV as chunks: the header, then one chunk per page. Errors
 * about the request (too many rows) are thrown here, before a response would have started.
 */
export async function exportAuditLogCsv(db: Db, filter: AuditLogFilter, options: ExportOptions = {}): Promise<AsyncIterable<string>> {
  const maxRows = options.maxRows ?? MAX_EXPORT_ROWS;
  const count = await countUpTo(db, filter, maxRows + 1);
  if (count > maxRows) {
    throw Errors.badRequest(`The export has more than ${maxRows} entries; narrow it with a time range or another filter`);
  }
  return csvChunks(db, filter, maxRows, options.pageSize ?? MAX_AUDIT_PAGE_SIZE);
}

async function* csvChunks(db: Db, filter: AuditLogFilter, maxRows: number, pageSize: number): AsyncGenerator<string> {
  yield auditCsvHeader();
  let written = 0;
  let after: string | undefined;
  while (written < maxRows) {
    const page = await queryAuditLog(db, filter, { after, size: Math.min(pageSize, maxRows - written) });
    if (page.entries.length > 0) yield auditCsvRows(page.entries);
    written += page.entries.length;
    if (page.next === null) return;
    after = page.next;
  }
}

/** The number of matching entries, counting no further than `limit`. */
async function countUpTo(db: Db, filter: AuditLogFilter, limit: number): Promise<number> {
  const matching = db
    .select({ one: sql`1` })
    .from(auditLog)
    .where(and(...filterConditions(filter)))
    .limit(limit)
    .as("matching");
  const row = await db.select({ n: sql<number>`count(*)` }).from(matching).get();
  return row?.n ?? 0;
}
