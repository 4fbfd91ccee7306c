/**
 * Archiving a template (Notify's "delete", which also only sets `archived`): the public API then
 * answers "Template has been deleted" when it is sent and leaves it out of GET /v2/templates, while
 * its versions stay readable for the notifications sent with them. Unarchiving makes it usable
 * again. Neither is a content change, so neither makes a new version.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { templates } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsertIf, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { type TemplateObject, templateObject } from "./template-object";
import { findTemplate } from "./update-template";

export async function setTemplateArchived(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  templateId: string,
  archived: boolean,
  meta: ChangeMeta,
): Promise<TemplateObject> {
  const current = await findTemplate(db, service.id, templateId);
  // Asking for the state it already has is a mistake worth telling (a wrong id, a stale screen),
  // and writing nothing keeps the audit trail to real changes.
  if (current.archived === archived) {
    throw Errors.badRequest(archived ? "Template is already archived" : "Template is not archived");
  }
  // The audit row first, on the state read above, then the change on the same state: of two
  // simultaneous requests only the first writes either.
  await runBatch(db, [
    auditInsertIf(
      db,
      meta,
      {
        action: archived ? "template.archive" : "template.unarchive",
        organisationId: service.organisationId,
        serviceId: service.id,
        targetType: "template",
        targetId: current.id,
        details: { name: current.name, version: current.version },
      },
      sql`EXISTS (SELECT 1 FROM templates WHERE id = ${current.id} AND archived = ${current.archived ? 1 : 0})`,
    ),
    db
      .update(templates)
      .set({ archived })
      .where(and(eq(templates.id, current.id), eq(templates.archived, current.archived))),
  ]);
  return templateObject({ ...current, archived });
}
