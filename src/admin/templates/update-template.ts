/**
 * Updating a template. A change writes a new version (version + 1) and its template_versions row;
 * a request that changes nothing returns the template as it is, without a new version. Notifications
 * keep pointing at the version they were sent with, which stays readable. An archived template is
 * frozen as it was archived: changing it means deciding to bring it back first (unarchive, with its
 * own audit row), not editing something nobody can send.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { templates, templateVersions } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsert, type ChangeMeta } from "../audit";
import { runUniqueBatch } from "../shared/batch";
import { findServiceRow, type ServiceRow } from "../shared/lookup";
import { type TemplateObject, type TemplatePriority, type TemplateRow, templateObject, versionRowOf } from "./template-object";
import { checkTemplateContent } from "./template-rules";

export interface TemplateChanges {
  name?: string | undefined;
  subject?: string | undefined;
  body?: string | undefined;
  priority?: TemplatePriority | undefined;
}

const EDITABLE = ["name", "subject", "body", "priority"] as const;

export async function updateTemplate(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  templateId: string,
  changes: TemplateChanges,
  meta: ChangeMeta,
): Promise<TemplateObject> {
  const current = await findTemplate(db, service.id, templateId);
  if (current.archived) throw Errors.badRequest("Template is archived: unarchive it first");
  checkTemplateContent(current.type, changes.subject ?? current.subject, changes.body);
  const changed = EDITABLE.filter((field) => changes[field] !== undefined && changes[field] !== current[field]);
  if (changed.length === 0) return templateObject(current);

  const next: TemplateRow = {
    ...current,
    name: changes.name ?? current.name,
    subject: changes.subject ?? current.subject,
    body: changes.body ?? current.body,
    priority: changes.priority ?? current.priority,
    version: current.version + 1,
    updatedAt: meta.at,
  };
  await runUniqueBatch(
    db,
    [
      // Guarded by the version read above: a concurrent update makes the version insert collide,
      // which rolls back the whole batch instead of silently overwriting.
      db
        .update(templates)
        .set({
          name: next.name,
          subject: next.subject,
          body: next.body,
          priority: next.priority,
          version: next.version,
          updatedAt: next.updatedAt,
        })
        .where(and(eq(templates.id, current.id), eq(templates.version, current.version))),
      db.insert(templateVersions).values(versionRowOf({ ...next, createdBy: meta.actor }, meta.at)),
      auditInsert(db, meta, {
        action: "template.update",
        organisationId: service.organisationId,
        serviceId: service.id,
        targetType: "template",
        targetId: current.id,
        details: { changed, version: next.version },
      }),
    ],
    () => Errors.badRequest("The template was changed by another request at the same time; try again"),
  );
  return templateObject(next);
}

/** The service's template; 404 when unknown or owned by another service. */
export function findTemplate(db: Db, serviceId: string, templateId: string): Promise<TemplateRow> {
  return findServiceRow(db, templates, serviceId, templateId, "Template not found");
}
