/**
 * GET /services/{service_id}/suppressions[?channel=&pageSize=&after=] → 200 {suppressions, links},
 * oldest first: the recipients sends are refused to (inbound STOPs and administrators' additions).
 */
import { and, eq } from "drizzle-orm";
import * as v from "valibot";
import { suppressions } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pageLinks } from "../shared/object-fields";
import { listPage, pageLinksFor, pageQuery } from "../shared/paging";
import { queryChoice } from "../shared/query-fields";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { SUPPRESSION_CHANNELS, SuppressionObject, type SuppressionRow, suppressionObject } from "./suppression-object";

export const listSuppressionsOperation = adminOperation({
  operationId: "list-suppressions",
  method: "get",
  path: "/services/{service_id}/suppressions",
  tag: "suppressions",
  summary: "List a service's suppressed (opted-out) recipients, oldest first",
  query: v.object({ ...serviceScopeQuery, ...pageQuery, channel: queryChoice(SUPPRESSION_CHANNELS, "Only suppressions of this channel") }),
  ok: {
    status: 200,
    description: "A page of suppressions",
    schema: v.object({ suppressions: v.array(SuppressionObject), links: pageLinks }),
  },
  handle: async (request, { query }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const scope = and(eq(suppressions.serviceId, service.id), query.channel ? eq(suppressions.channel, query.channel) : undefined);
    const page = await listPage<SuppressionRow>(
      db,
      { table: suppressions, id: suppressions.id, createdAt: suppressions.createdAt },
      scope,
      query,
    );
    return json({ suppressions: page.rows.map(suppressionObject), links: pageLinksFor(request.url, page) });
  },
});
