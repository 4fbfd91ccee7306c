/** The service object of the admin API (POST and GET /admin/services). */
import * as v from "valibot";
import { formatTimestamp } from "../../lib/time";
import type { ServiceRow } from "../shared/lookup";
import { id, timestamp } from "../shared/object-fields";

export const ServiceObject = v.object({
  id,
  organisation_id: id,
  name: v.string(),
  restricted: v.pipe(v.boolean(), v.description("Trial mode: may send only to team members")),
  active: v.pipe(v.boolean(), v.description("false: suspended, every API key is refused")),
  sms_sender: v.string(),
  email_from: v.string(),
  rate_limit: v.pipe(v.number(), v.description("Requests per 60 seconds per key type")),
  sms_daily_limit: v.number(),
  email_daily_limit: v.number(),
  retention_days: v.number(),
  permissions: v.array(v.string()),
  retry_sms: v.pipe(v.boolean(), v.description("A failed SMS is sent once more (Wmebv); a template may override")),
  retry_email: v.pipe(v.boolean(), v.description("A failed email is sent once more; a template may override")),
  retry_after_seconds: v.pipe(v.nullable(v.number()), v.description("Delay of the second attempt; null: the deployment default")),
  callback_history: v.pipe(v.boolean(), v.description("Delivery-status callbacks carry the status history")),
  created_at: timestamp,
  updated_at: timestamp,
});
export type ServiceObject = v.InferOutput<typeof ServiceObject>;

export function serviceObject(row: ServiceRow): ServiceObject {
  return {
    id: row.id,
    organisation_id: row.organisationId,
    name: row.name,
    restricted: row.restricted,
    active: row.active,
    sms_sender: row.smsSender,
    email_from: row.emailFrom,
    rate_limit: row.rateLimit,
    sms_daily_limit: row.smsDailyLimit,
    email_daily_limit: row.emailDailyLimit,
    retention_days: row.retentionDays,
    permissions: row.permissions,
    retry_sms: row.retrySms,
    retry_email: row.retryEmail,
    retry_after_seconds: row.retryAfterSeconds,
    callback_history: row.callbackHistory,
    created_at: formatTimestamp(row.createdAt),
    updated_at: formatTimestamp(row.updatedAt),
  };
}
