/** How an audit_log row appears in the admin API (JSON and CSV), and its valibot schema for OpenAPI. */
import * as v from "valibot";
import type { auditLog } from "../../db/schema";
import { formatTimestamp } from "../../lib/time";

export type AuditLogRow = typeof auditLog.$inferSelect;

export const AuditEntryObject = v.object({
  id: v.pipe(v.string(), v.uuid()),
  at: v.pipe(v.string(), v.description("Notify timestamp, YYYY-MM-DDTHH:MM:SS.ffffffZ (UTC)")),
  /** Who made the change: an admin credential's name, or "bootstrap" (older rows: "admin"). */
  actor: v.string(),
  action: v.string(),
  organisation_id: v.nullable(v.string()),
  service_id: v.nullable(v.string()),
  target_type: v.string(),
  target_id: v.string(),
  /** Never secrets or personal data (src/admin/audit.ts). */
  details: v.nullable(v.record(v.string(), v.unknown())),
  request_id: v.nullable(v.string()),
});
export type AuditEntryObject = v.InferOutput<typeof AuditEntryObject>;

export function auditEntryObject(row: AuditLogRow): AuditEntryObject {
  return {
    id: row.id,
    at: formatTimestamp(row.at),
    actor: row.actor,
    action: row.action,
    organisation_id: row.organisationId,
    service_id: row.serviceId,
    target_type: row.targetType,
    target_id: row.targetId,
    details: row.details,
    request_id: row.requestId,
  };
}
