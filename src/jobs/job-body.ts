/**
 * A job as GC Notify serialises it (GC-API `job_schema`, tests of POST /v2/notifications/bulk):
 * ids as strings, timestamps in Python's isoformat with "+00:00", and `statistics` (counts per
 * notification status) when the job is read back. `created_by` is the API key that submitted the
 * job, since API jobs have no signed-in user.
 */
import type { JobRow } from "./submit-job";

/** What the job body shows besides the job row. */
export interface JobBodyExtras {
  serviceName: string;
  apiKey: { id: string; name: string; keyType: string } | null;
  statistics?: { status: string; count: number }[];
}

/** GC's job object; `statistics` only when given (GET and cancel, not the 201). */
export function jobBody(job: JobRow, extras: JobBodyExtras): Record<string, unknown> {
  return {
    api_key: extras.apiKey ? { id: extras.apiKey.id, key_type: extras.apiKey.keyType, name: extras.apiKey.name } : null,
    archived: false,
    created_at: gcTimestamp(job.createdAt),
    created_by: extras.apiKey ? { id: extras.apiKey.id, name: extras.apiKey.name } : null,
    id: job.id,
    job_status: job.status,
    notification_count: job.notificationCount,
    original_file_name: job.name,
    processing_finished: gcTimestamp(job.processingFinished),
    processing_started: gcTimestamp(job.processingStarted),
    scheduled_for: gcTimestamp(job.scheduledFor),
    service: job.serviceId,
    service_name: { name: extras.serviceName },
    template: job.templateId,
    template_version: job.templateVersion,
    updated_at: gcTimestamp(job.updatedAt),
    sender_id: job.senderId,
    ...(extras.statistics ? { statistics: extras.statistics } : {}),
  };
}

/** Python's `datetime.isoformat()` + "+00:00": microseconds only when not zero. */
export function gcTimestamp(ms: number | null): string | null {
  if (ms === null) return null;
  const iso = new Date(ms).toISOString();
  const fraction = ms % 1000 === 0 ? "" : `${iso.slice(19, 23)}000`;
  return `${iso.slice(0, 19)}${fraction}+00:00`;
}
