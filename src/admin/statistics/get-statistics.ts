/**
 * GET /services/{service_id}/statistics?days=7 → 200 per day, channel and status: messages and SMS
 * fragments billed, newest day first. `days` is 1–90 (the longest retention), default 7.
 */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { queryWholeNumber } from "../shared/query-fields";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { ServiceStatistics, serviceStatistics } from "./service-statistics";

const MAX_DAYS = 90;

const StatisticsQuery = v.object({
  ...serviceScopeQuery,
  days: queryWholeNumber(1, MAX_DAYS, "Days back from today (UTC), default 7"),
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
    const service = await scopedService(request);
    return json(await serviceStatistics(request.services.d1, service.id, query.days ?? 7, request.services.clock.now()));
  },
});
