/** A job of the calling service with what its GC body shows (service name, API key); 404 otherwise. */

import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/database";
import { apiKeys, jobs, services } from "../../../db/schema";
import { Errors } from "../../../errors";
import { jobBody } from "../../../jobs/job-body";
import { jobStatistics } from "../../../jobs/job-statistics";
import { isUuid } from "../../../lib/ids";

/** The job id from the path, checked like Notify checks notification ids. */
export function jobIdParam(value: unknown): string {
  const id = typeof value === "string" ? value : "";
  if (!isUuid(id)) throw Errors.validation(["job_id is not a valid UUID"]);
  return id.toLowerCase();
}

/** GC's job body with statistics; another service's job is "No result found" (404), never a 403. */
export async function jobWithStatistics(db: Db, serviceId: string, jobId: string): Promise<Record<string, unknown>> {
  const row = await db
    .select({ job: jobs, serviceName: services.name, key: { id: apiKeys.id, name: apiKeys.name, keyType: apiKeys.keyType } })
    .from(jobs)
    .innerJoin(services, eq(services.id, jobs.serviceId))
    .leftJoin(apiKeys, eq(apiKeys.id, jobs.apiKeyId))
    .where(and(eq(jobs.id, jobId), eq(jobs.serviceId, serviceId)))
    .get();
  if (!row) throw Errors.notFound();
  const statistics = await jobStatistics(db, jobId);
  return jobBody(row.job, { serviceName: row.serviceName, apiKey: row.key, statistics });
}
