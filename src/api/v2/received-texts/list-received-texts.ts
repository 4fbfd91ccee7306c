/** GET /v2/received-text-messages: the service's inbound SMS, newest first, 250 a page. */

import { and, eq, type SQL } from "drizzle-orm";
import { newestFirst, olderThanRow, type PagedTable } from "../../../db/keyset-page";
import { receivedTexts } from "../../../db/schema";
import { Errors } from "../../../errors";
import { type AppRequest, json } from "../../../http/app-request";
import { type Query, queryOne, rejectUnknownParams } from "../../../http/query";
import { isUuid } from "../../../lib/ids";
import { formatTimestamp } from "../../../lib/time";
import { authenticate } from "../authenticate";

const PAGED: PagedTable = {
  table: receivedTexts,
  id: receivedTexts.id,
  createdAt: receivedTexts.createdAt,
  serviceId: receivedTexts.serviceId,
};

const PAGE_SIZE = 250;

export async function listReceivedTexts(request: AppRequest): Promise<Response> {
  const { service } = await authenticate(request);
  const query = request.query as Query;
  rejectUnknownParams(query, ["older_than"]);
  const olderThan = queryOne(query, "older_than");
  if (olderThan !== undefined && !isUuid(olderThan)) throw Errors.validation(["older_than is not a valid UUID"]);
  const db = request.services.db;
  const base = `${request.origin}/v2/received-text-messages`;
  const conditions: (SQL | undefined)[] = [eq(receivedTexts.serviceId, service.id)];
  if (olderThan !== undefined) {
    const older = await olderThanRow(db, PAGED, service.id, olderThan);
    if (!older) return json({ received_text_messages: [], links: { current: `${base}?older_than=${olderThan}` } });
    conditions.push(older);
  }
  const rows = await db
    .select()
    .from(receivedTexts)
    .where(and(...conditions))
    .orderBy(...newestFirst(PAGED))
    .limit(PAGE_SIZE);
  const items = rows.map((row) => ({
    id: row.id,
    created_at: formatTimestamp(row.createdAt),
    service_id: row.serviceId,
    notify_number: row.notifyNumber,
    user_number: row.userNumber,
    content: row.content,
  }));
  const links: Record<string, string> = { current: olderThan ? `${base}?older_than=${olderThan}` : base };
  const last = items[items.length - 1];
  if (last) links.next = `${base}?older_than=${last.id}`;
  return json({ received_text_messages: items, links });
}
