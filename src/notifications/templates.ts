/** Reading templates (current or a given version) scoped to a service. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/database";
import { templates, templateVersions } from "../db/schema";

export type TemplateRow = typeof templates.$inferSelect;
export type TemplateVersionRow = typeof templateVersions.$inferSelect;

/** The current template of a service, or null when it does not exist for this service. */
export async function findTemplate(db: Db, serviceId: string, templateId: string): Promise<TemplateRow | null> {
  const row = await db
    .select()
    .from(templates)
    .where(and(eq(templates.id, templateId), eq(templates.serviceId, serviceId)))
    .get();
  return row ?? null;
}

/** One immutable version of a service's template. */
export async function findTemplateVersion(
  db: Db,
  serviceId: string,
  templateId: string,
  version: number,
): Promise<TemplateVersionRow | null> {
  const row = await db
    .select()
    .from(templateVersions)
    .where(
      and(eq(templateVersions.templateId, templateId), eq(templateVersions.serviceId, serviceId), eq(templateVersions.version, version)),
    )
    .get();
  return row ?? null;
}
