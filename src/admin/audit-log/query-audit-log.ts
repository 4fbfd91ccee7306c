/**
 * Reading the audit log back: newest first, ordered by (at DESC, id DESC) so rows written in the
 * same millisecond still have one order and a page boundary never splits or repeats them. Paging
 * is by keyset: `after` is the id of the last entry of the previous page (the `next` of that page),
 * so a page costs the same however deep it is, and new entries do not shift later pages.
 *
 * An `after` that is not an entry of the log is a ValidationError rather than an empty page: the
 * cursor is only ever one we handed out, and audit rows are not deleted, so an unknown one is a
 * caller's bug that an empty page would hide as "no more entries".
 */
import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/database";
import { auditLog } from "../../db/schema";
import { Errors } from "../../errors";
import { isUuid } from "../../lib/ids";
import { type AuditEntryObject, auditEntryObject } from "./audit-entry-object";

export const DEFAULT_AUDIT_PAGE_SIZE = 100;
export const MAX_AUDIT_PAGE_SIZE = 500;

/** All optional, combined with AND. Times are epoch ms; `from` is inclusive, `to` exclusive. */
export interface AuditLogFilter {
  organisationId?: string | undefined;
  serviceId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

export interface AuditLogPageRequest {
  /** The `next` of the previous page. */
  after?: string | undefined;
  /** 1–500, default 100. */
  size?: number | undefined;
}

export interface AuditLogPage {
  entries: AuditEntryObject[];
  /** The cursor for the next page, or null when this page is the last. */
  next: string | null;
}

export async function queryAuditLog(db: Db, filter: AuditLogFilter, page: AuditLogPageRequest = {}): Promise<AuditLogPage> {
  const size = page.size ?? DEFAULT_AUDIT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_AUDIT_PAGE_SIZE) {
    throw Errors.validation([`page size must be a whole number from 1 to ${MAX_AUDIT_PAGE_SIZE}`]);
  }
  const conditions = filterConditions(filter);
  if (page.after !== undefined) conditions.push(await afterCursor(db, page.after));
  // One row more than the page tells whether another page follows.
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(size + 1);
  const entries = rows.slice(0, size).map(auditEntryObject);
  const last = entries[entries.length - 1];
  return { entries, next: rows.length > size && last ? last.id : null };
}

/** The filter as conditions; ids are compared lower-cased, as they are stored. */
export function filterConditions(filter: AuditLogFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.organisationId !== undefined) conditions.push(eq(auditLog.organisationId, filter.organisationId.toLowerCase()));
  if (filter.serviceId !== undefined) conditions.push(eq(auditLog.serviceId, filter.serviceId.toLowerCase()));
  if (filter.actor !== undefined) conditions.push(eq(auditLog.actor, filter.actor));
  if (filter.action !== undefined) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from !== undefined) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to !== undefined) conditions.push(lt(auditLog.at, filter.to));
  return conditions;
}

/** "Older than entry `after`" in the (at, id) order. */
async function afterCursor(db: Db, after: string): Promise<SQL> {
  const cursor = isUuid(after)
    ? await db.select({ at: auditLog.at, id: auditLog.id }).from(auditLog).where(eq(auditLog.id, after.toLowerCase())).get()
    : undefined;
  const condition = cursor && or(lt(auditLog.at, cursor.at), and(eq(auditLog.at, cursor.at), lt(auditLog.id, cursor.id)));
  if (!condition) throw Errors.validation(["after is not the id of an audit log entry"]);
  return condition;
}
