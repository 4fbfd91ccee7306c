/** GET /v2/jobs/{id}: the job (pending, scheduled, in progress, finished, cancelled) and counts per notification status. */
import { type AppRequest, json } from "../../../http/app-request";
import { authenticate } from "../authenticate";
import { jobIdParam, jobWithStatistics } from "./load-job";

/** Handler of GET /v2/jobs/{id}. */
export async function getJob(request: AppRequest): Promise<Response> {
  const { service } = await authenticate(request);
  const jobId = jobIdParam(request.params.id);
  return json({ data: await jobWithStatistics(request.services.db, service.id, jobId) });
}
