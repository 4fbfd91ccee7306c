/**
 * Archiving a template (Notify's "delete", which also only sets `archived`): the public API then
 * answers "Template has been deleted" when it is sent and leaves it out of GET /v2/templates, while
 * its versions stay readable for the notifications sent with them. Unarchiving makes it usable
 * again. Neither is a content change, so neither makes a new version.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { templates } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsert, type ChangeMeta } from "../audit";
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
  await runBatch(db, [
    // Guarded by the state read above, so of two simultaneous requests the first one's change stands
    // (both still write an audit row; the resulting state is the one both asked for).
    db
      .update(templates)
      .set({ archived })
      .where(and(eq(templates.id, current.id), eq(templates.archived, current.archived))),
    auditInsert(db, meta, {
      action: archived ? "template.archive" : "template.unarchive",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "template",
      targetId: current.id,
      details: { name: current.name, version: current.version },
    }),
  ]);
  return templateObject({ ...current, archived });
}
