/**
 * GET /audit-log: who changed what, newest first, filtered and paged; with `Accept: text/csv` the
 * whole filtered log as one CSV file for auditors (at most MAX_EXPORT_ROWS rows, streamed page by
 * page). Times in filters are ISO 8601 with any offset (NL API Design Rules: accept any offset,
 * answer in UTC); `from` is inclusive, `to` exclusive.
 */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pageLinks } from "../shared/object-fields";
import { queryWholeNumber } from "../shared/query-fields";
import { AuditEntryObject } from "./audit-entry-object";
import { exportAuditLogCsv, MAX_EXPORT_ROWS } from "./export-audit-log";
import { DEFAULT_AUDIT_PAGE_SIZE, MAX_AUDIT_PAGE_SIZE, queryAuditLog } from "./query-audit-log";

const uuid = (description: string) => v.optional(v.pipe(v.string(), v.uuid("is not a valid id"), v.description(description)));
const name = (description: string) =>
  v.optional(v.pipe(v.string(), v.maxLength(200, "must be at most 200 characters long"), v.description(description)));
const time = (description: string) =>
  v.optional(
    v.pipe(
      v.string(),
      v.maxLength(40, "must be an ISO 8601 date-time"),
      v.check(
        (text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)),
        "must be an ISO 8601 date-time with an offset, e.g. 2026-12-02T09:00:00+01:00",
      ),
      v.transform(Date.parse),
      v.description(description),
    ),
  );

const AuditLogQuery = v.object({
  organisationId: uuid("Only changes to this organisation or its services"),
  serviceId: uuid("Only changes to this service"),
  actor: name("Only changes by this credential name (bootstrap: the ADMIN_TOKEN)"),
  action: name("Only this action, e.g. service.update, api_key.revoke"),
  from: time("From this time (inclusive)"),
  to: time("Until this time (exclusive)"),
  pageSize: queryWholeNumber(1, MAX_AUDIT_PAGE_SIZE, `Entries per page (default ${DEFAULT_AUDIT_PAGE_SIZE}); not used for CSV`),
  after: v.optional(v.pipe(v.string(), v.maxLength(64, "is not a cursor"), v.description("The id of the last entry of the previous page"))),
});

export const getAuditLogOperation = adminOperation({
  operationId: "list-audit-log",
  method: "get",
  path: "/audit-log",
  tag: "audit-log",
  summary: "Read the audit log: newest first, filtered, paged; `Accept: text/csv` exports it whole",
  description: `The CSV export holds at most ${MAX_EXPORT_ROWS} entries; a larger selection is a 400 (narrow it with from/to).`,
  query: AuditLogQuery,
  ok: {
    status: 200,
    description: "A page of entries (JSON) or the whole selection (CSV)",
    schema: v.object({ audit_log: v.array(AuditEntryObject), links: pageLinks }),
    csv: true,
  },
  handle: async (request, { query }) => {
    const { db } = request.services;
    const { pageSize, after, ...filter } = query;
    if (wantsCsv(request.headers.get("accept"))) {
      const chunks = await exportAuditLogCsv(db, filter);
      return new Response(streamOf(chunks), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="audit-log.csv"' },
      });
    }
    const page = await queryAuditLog(db, filter, { after, size: pageSize });
    const next = page.next ? new URL(request.url) : null;
    next?.searchParams.set("after", page.next ?? "");
    return json({ audit_log: page.entries, links: { next: next?.toString() ?? null } });
  },
});

function wantsCsv(accept: string | null): boolean {
  return (accept ?? "").split(",").some((part) => part.trim().toLowerCase().startsWith("text/csv"));
}

function streamOf(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
  });
}
