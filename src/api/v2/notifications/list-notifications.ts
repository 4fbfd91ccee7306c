/**
 * GET /v2/notifications: the caller's service, same key type as the calling key (as Notify does),
 * newest first, 250 a page, `older_than` cursor; job notifications only with include_jobs=true.
 */

import { and, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { newestFirst, olderThanRow, type PagedTable } from "../../../db/keyset-page";
import { notifications } from "../../../db/schema";
import { Errors } from "../../../errors";
import { type AppRequest, json } from "../../../http/app-request";
import { buildQuery, type Query, queryList, queryOne, rejectUnknownParams } from "../../../http/query";
import { isUuid } from "../../../lib/ids";
import { authenticate } from "../authenticate";
import { notificationBody } from "./notification-body";

const PAGED: PagedTable = {
  table: notifications,
  id: notifications.id,
  createdAt: notifications.createdAt,
  serviceId: notifications.serviceId,
};

export const PAGE_SIZE = 250;
const STATUS_ENUM = [
  "cancelled",
  "created",
  "sending",
  "sent",
  "delivered",
  "pending",
  "failed",
  "technical-failure",
  "temporary-failure",
  "permanent-failure",
  "pending-virus-check",
  "validation-failed",
  "virus-scan-failed",
  "returned-letter",
  "accepted",
  "received",
] as const;
const STATUS_ALIASES: Record<string, string[]> = {
  failed: ["technical-failure", "temporary-failure", "permanent-failure"],
  accepted: ["created", "sending"],
  received: ["delivered"],
};
const TYPES = ["sms", "email", "letter"] as const;

export async function listNotifications(request: AppRequest): Promise<Response> {
  const { service, apiKey } = await authenticate(request);
  const query = request.query as Query;
  rejectUnknownParams(query, ["template_type", "status", "reference", "older_than", "include_jobs"]);
  const types = queryList(query, "template_type");
  const statuses = queryList(query, "status");
  const errors = [
    ...statuses
      .filter((s) => !(STATUS_ENUM as readonly string[]).includes(s))
      .map((s) => `status ${s} is not one of [${STATUS_ENUM.join(", ")}]`),
    ...types.filter((t) => !(TYPES as readonly string[]).includes(t)).map((t) => `template_type ${t} is not one of [${TYPES.join(", ")}]`),
  ];
  const olderThan = queryOne(query, "older_than");
  if (olderThan !== undefined && !isUuid(olderThan)) errors.push("older_than is not a valid UUID");
  if (errors.length > 0) throw Errors.validation(errors);

  const reference = queryOne(query, "reference");
  const includeJobs = ["true", "True"].includes(queryOne(query, "include_jobs") ?? "");
  const conditions: (SQL | undefined)[] = [eq(notifications.serviceId, service.id), eq(notifications.keyType, apiKey.keyType)];
  if (types.length > 0)
    conditions.push(inArray(notifications.notificationType, types.filter((t) => t !== "letter") as ("sms" | "email")[]));
  if (statuses.length > 0) {
    const expanded = new Set(statuses.flatMap((s) => STATUS_ALIASES[s] ?? [s]) as (typeof notifications.$inferSelect.status)[]);
    conditions.push(inArray(notifications.status, [...expanded]));
  }
  if (reference !== undefined) conditions.push(eq(notifications.reference, reference));
  if (!includeJobs) conditions.push(isNull(notifications.jobId));

  const db = request.services.db;
  if (olderThan !== undefined) {
    const older = await olderThanRow(db, PAGED, service.id, olderThan);
    if (!older) return json(page(request, query, []));
    conditions.push(older);
  }
  const rows = await db
    .select()
    .from(notifications)
    .where(and(...conditions))
    .orderBy(...newestFirst(PAGED))
    .limit(PAGE_SIZE);
  return json(
    page(
      request,
      query,
      rows.map((row) => notificationBody(request.origin, row)),
    ),
  );
}

function page(request: AppRequest, query: Query, items: Record<string, unknown>[]) {
  const pairs: [string, string][] = [];
  for (const key of ["template_type", "status", "reference", "include_jobs"]) {
    for (const value of queryList(query, key)) pairs.push([key, value]);
  }
  const base = `${request.origin}/v2/notifications`;
  const links: Record<string, string> = {
    current: `${base}${buildQuery([...pairs, ...queryList(query, "older_than").map((v): [string, string] => ["older_than", v])])}`,
  };
  const last = items[items.length - 1];
  // The clients take the first UUID in `next` as the cursor, so older_than comes first (a reference may be a UUID).
  if (last) links.next = `${base}${buildQuery([["older_than", String(last.id)], ...pairs])}`;
  return { notifications: items, links };
}
