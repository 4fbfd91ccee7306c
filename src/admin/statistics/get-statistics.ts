/**
 * GET /services/{service_id}/statistics?days=7 → 200 per day, channel and status: messages and SMS
 * fragments billed, newest day first. `days` is 1–90 (the longest retention), default 7.
 */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { findService } from "../shared/lookup";
import { pathParam } from "../shared/request";
import { organisationScope, serviceScopeQuery } from "../shared/service-scope";
import { ServiceStatistics, serviceStatistics } from "./service-statistics";

const MAX_DAYS = 90;

const StatisticsQuery = v.object({
  ...serviceScopeQuery,
  days: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,2}$/, `must be a whole number from 1 to ${MAX_DAYS}`),
      v.transform(Number),
      v.minValue(1, `must be a whole number from 1 to ${MAX_DAYS}`),
      v.maxValue(MAX_DAYS, `must be a whole number from 1 to ${MAX_DAYS}`),
      v.description("Days back from today (UTC), default 7"),
    ),
  ),
});

export const getStatisticsOperation = adminOperation({
  operationId: "get-statistics",
  method: "get",
  path: "/services/{service_id}/statistics",
  tag: "statistics",
  summary: "Messages per day, channel and status, with SMS fragments billed",
  query: StatisticsQuery,
  ok: { status: 200, description: "The statistics, newest day first", schema: ServiceStatistics },
  handle: async (request, { query }) => {
    const service = await findService(request.services.db, pathParam(request, "service_id"), organisationScope(request));
    return json(await serviceStatistics(request.services.d1, service.id, query.days ?? 7, request.services.clock.now()));
  },
});
