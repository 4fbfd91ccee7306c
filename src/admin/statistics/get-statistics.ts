/**
 * GET /admin/services/{service_id}/statistics?days=7 → 200 per day, channel and status: messages
 * and SMS fragments billed, newest day first. `days` is 1–90 (the longest retention), default 7.
 */

import { Errors } from "../../errors";
import { type AppRequest, json } from "../../http/app-request";
import { type Query, queryOne, rejectUnknownParams } from "../../http/query";
import { findService } from "../shared/lookup";
import { organisationScope, pathParam } from "../shared/request";
import { serviceStatistics } from "./service-statistics";

const MAX_DAYS = 90;

/** Handler of GET /admin/services/{service_id}/statistics. */
export async function getStatistics(request: AppRequest): Promise<Response> {
  const query = request.query as Query;
  rejectUnknownParams(query, ["days", "organisation_id"]);
  const raw = queryOne(query, "days") ?? "7";
  const days = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(days >= 1 && days <= MAX_DAYS)) throw Errors.validation([`days must be a whole number from 1 to ${MAX_DAYS}`]);
  const service = await findService(request.services.db, pathParam(request, "service_id"), organisationScope(request));
  return json(await serviceStatistics(request.services.d1, service.id, days, request.services.clock.now()));
}
