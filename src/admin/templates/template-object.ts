/** The template object of the admin API, for the current template and for any stored version. */
import * as v from "valibot";
import type { templates, templateVersions } from "../../db/schema";
import { formatTimestamp } from "../../lib/time";
import { id, optionalTimestamp, timestamp } from "../shared/object-fields";

export type TemplateRow = typeof templates.$inferSelect;
export type TemplateVersionRow = typeof templateVersions.$inferSelect;
export type TemplateType = TemplateRow["type"];
export type TemplatePriority = TemplateRow["priority"];

export const TEMPLATE_TYPES = ["sms", "email"] as const satisfies readonly TemplateType[];
export const TEMPLATE_PRIORITIES = ["priority", "normal", "bulk"] as const satisfies readonly TemplatePriority[];

export const TemplateObject = v.object({
  id,
  service_id: id,
  name: v.string(),
  type: v.picklist(TEMPLATE_TYPES),
  subject: v.pipe(v.nullable(v.string()), v.description("null for SMS templates")),
  body: v.string(),
  priority: v.picklist(TEMPLATE_PRIORITIES),
  retry_failed: v.pipe(v.nullable(v.boolean()), v.description("Second attempt after a failure; null: the service's setting")),
  version: v.number(),
  archived: v.pipe(v.boolean(), v.description("An archived template cannot be sent or changed, and is not in GET /v2/templates")),
  created_by: v.string(),
  created_at: timestamp,
  /** When this version was made; null for version 1 (Notify's convention). */
  updated_at: v.pipe(optionalTimestamp, v.description("When this version was made; null for version 1")),
});
export type TemplateObject = v.InferOutput<typeof TemplateObject>;

export function templateObject(row: TemplateRow): TemplateObject {
  return {
    id: row.id,
    service_id: row.serviceId,
    name: row.name,
    type: row.type,
    subject: row.subject,
    body: row.body,
    priority: row.priority,
    retry_failed: row.retryFailed,
    version: row.version,
    archived: row.archived,
    created_by: row.createdBy,
    created_at: formatTimestamp(row.createdAt),
    updated_at: formatTimestamp(row.updatedAt),
  };
}

/**
 * An old (or the current) version; `created_at` stays the template's own creation time. Archiving is
 * a state of the template, not of its content (versions do not store it), so `archived` is the
 * template's current state.
 */
export function templateVersionObject(template: TemplateRow, version: TemplateVersionRow): TemplateObject {
  return {
    id: template.id,
    service_id: template.serviceId,
    name: version.name,
    type: version.type,
    subject: version.subject,
    body: version.body,
    priority: version.priority,
    retry_failed: template.retryFailed,
    version: version.version,
    archived: template.archived,
    created_by: version.createdBy,
    created_at: formatTimestamp(template.createdAt),
    updated_at: version.version === 1 ? null : formatTimestamp(version.createdAt),
  };
}

/** The immutable history row for a template's current state. */
export function versionRowOf(row: TemplateRow, createdAt: number): TemplateVersionRow {
  return {
    templateId: row.id,
    version: row.version,
    serviceId: row.serviceId,
    name: row.name,
    type: row.type,
    subject: row.subject,
    body: row.body,
    priority: row.priority,
    createdBy: row.createdBy,
    createdAt,
  };
}
