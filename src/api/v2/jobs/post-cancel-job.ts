/**
 * POST /v2/jobs/{id}/cancel: cancels a scheduled job, or the unsent rest of a running one;
 * 200 {"data": <job with statistics>}. Another service's job is a 404.
 */

import { Errors } from "../../../errors";
import { type AppRequest, json } from "../../../http/app-request";
import { cancelJob } from "../../../jobs/cancel-job";
import { authenticate } from "../authenticate";
import { jobIdParam, jobWithStatistics } from "./load-job";

/** Handler of POST /v2/jobs/{id}/cancel. */
export async function postCancelJob(request: AppRequest): Promise<Response> {
  const { services } = request;
  const { service } = await authenticate(request);
  const jobId = jobIdParam(request.params.id);
  const { result } = await cancelJob(services, service.id, jobId, services.clock.now());
  if (result === "not_found") throw Errors.notFound();
  if (result === "already_cancelled") throw Errors.badRequest("Job has already been cancelled");
  if (result === "nothing_to_cancel") throw Errors.badRequest("Job cannot be cancelled: all its messages have already been sent");
  return json({ data: await jobWithStatistics(services.db, service.id, jobId) });
}
