/** The template object of the admin API, for the current template and for any stored version. */
import type { templates, templateVersions } from "../../db/schema";
import { formatTimestamp } from "../../lib/time";

export type TemplateRow = typeof templates.$inferSelect;
export type TemplateVersionRow = typeof templateVersions.$inferSelect;
export type TemplateType = TemplateRow["type"];
export type TemplatePriority = TemplateRow["priority"];

export const TEMPLATE_TYPES = ["sms", "email"] as const satisfies readonly TemplateType[];
export const TEMPLATE_PRIORITIES = ["priority", "normal", "bulk"] as const satisfies readonly TemplatePriority[];

export interface TemplateObject {
  id: string;
  service_id: string;
  name: string;
  type: TemplateType;
  /** null for SMS templates. */
  subject: string | null;
  body: string;
  priority: TemplatePriority;
  version: number;
  created_by: string;
  created_at: string;
  /** When this version was made; null for version 1 (Notify's convention). */
  updated_at: string | null;
}

export function templateObject(row: TemplateRow): TemplateObject {
  return {
    id: row.id,
    service_id: row.serviceId,
    name: row.name,
    type: row.type,
    subject: row.subject,
    body: row.body,
    priority: row.priority,
    version: row.version,
    created_by: row.createdBy,
    created_at: formatTimestamp(row.createdAt),
    updated_at: formatTimestamp(row.updatedAt),
  };
}

/** An old (or the current) version; `created_at` stays the template's own creation time. */
export function templateVersionObject(template: TemplateRow, version: TemplateVersionRow): TemplateObject {
  return {
    id: template.id,
    service_id: template.serviceId,
    name: version.name,
    type: version.type,
    subject: version.subject,
    body: version.body,
    priority: version.priority,
    version: version.version,
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
