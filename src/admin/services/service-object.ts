/** The service object of the admin API (POST and GET /admin/services). */
import { formatTimestamp } from "../../lib/time";
import type { ServiceRow } from "../shared/lookup";

export interface ServiceObject {
  id: string;
  organisation_id: string;
  name: string;
  restricted: boolean;
  active: boolean;
  sms_sender: string;
  email_from: string;
  rate_limit: number;
  sms_daily_limit: number;
  email_daily_limit: number;
  retention_days: number;
  permissions: string[];
  created_at: string;
  updated_at: string;
}

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
    created_at: formatTimestamp(row.createdAt),
    updated_at: formatTimestamp(row.updatedAt),
  };
}
