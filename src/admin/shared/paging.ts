/**
 * Paged admin lists: oldest first by (created_at, id), `?pageSize=` (1-500, default 100) and
 * `?after=<id of the last row of the previous page>`; the answer's `links.next` is the URL of the
 * next page, or null on the last. The cursor row must be in the same list (same scope), so a page
 * can neither skip nor repeat rows, and an id from another list is a 400, never a peek into it.
 */
import { and, asc, eq, gt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as v from "valibot";
import type { Db } from "../../db/database";
import { Errors } from "../../errors";
import { queryWholeNumber } from "./query-fields";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

/** Query entries of every paged list operation. */
export const pageQuery = {
  pageSize: queryWholeNumber(1, MAX_PAGE_SIZE, `Rows per page, 1-${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`),
  after: v.optional(v.pipe(v.string(), v.uuid("is not a valid id"), v.description("The id of the last row of the previous page"))),
};

export interface PageInput {
  pageSize?: number | undefined;
  after?: string | undefined;
}

/** The columns paging orders by. */
export interface PagedColumns {
  table: SQLiteTable;
  id: SQLiteColumn;
  createdAt: SQLiteColumn;
}

export interface Page<Row> {
  rows: Row[];
  /** The id to pass as `after` for the next page; null on the last page. */
  nextAfter: string | null;
}

/** One page of the rows of `columns.table` matching `scope` (e.g. one service's rows). */
export async function listPage<Row extends { id: string }>(
  db: Db,
  columns: PagedColumns,
  scope: SQL | undefined,
  page: PageInput,
): Promise<Page<Row>> {
  const size = page.pageSize ?? DEFAULT_PAGE_SIZE;
  let condition = scope;
  if (page.after) {
    const cursor = await db
      .select({ createdAt: columns.createdAt, id: columns.id })
      .from(columns.table)
      .where(and(eq(columns.id, page.after.toLowerCase()), scope))
      .get();
    if (!cursor)
      throw Errors.validation(
        ["after is not the id of a row in this list"],
        [{ name: "after", reason: "is not the id of a row in this list" }],
      );
    condition = and(
      scope,
      or(gt(columns.createdAt, cursor.createdAt), and(eq(columns.createdAt, cursor.createdAt), gt(columns.id, cursor.id))),
    );
  }
  const rows = (await db
    .select()
    .from(columns.table)
    .where(condition)
    .orderBy(asc(columns.createdAt), asc(columns.id))
    .limit(size + 1)) as Row[];
  const more = rows.length > size;
  const pageRows = more ? rows.slice(0, size) : rows;
  return { rows: pageRows, nextAfter: more ? (pageRows[pageRows.length - 1]?.id ?? null) : null };
}

/** `links.next`: this request's URL with `after` set to the page's cursor. */
export function pageLinksFor(requestUrl: string, page: Page<unknown>): { next: string | null } {
  if (!page.nextAfter) return { next: null };
  const url = new URL(requestUrl);
  url.searchParams.set("after", page.nextAfter);
  return { next: url.toString() };
}
