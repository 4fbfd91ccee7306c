/**
 * A template's own answer to "send a failed message once more?" (Wmebv): true or false overrides
 * the service's setting for the channel, null follows it (src/notifications/second-attempt.ts). Not
 * a content change, so no new version; audited as a template.update with {retry_failed: {from, to}}.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { templates } from "../../db/schema";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { type TemplateObject, templateObject } from "./template-object";
import { findTemplate } from "./update-template";

export async function setTemplateRetry(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  templateId: string,
  retryFailed: boolean | null,
  meta: ChangeMeta,
): Promise<TemplateObject> {
  const current = await findTemplate(db, service.id, templateId);
  if (current.retryFailed === retryFailed) return templateObject(current);
  await runBatch(db, [
    db.update(templates).set({ retryFailed }).where(eq(templates.id, current.id)),
    auditInsert(db, meta, {
      action: "template.update",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "template",
      targetId: current.id,
      details: { retry_failed: { from: current.retryFailed, to: retryFailed } },
    }),
  ]);
  return templateObject({ ...current, retryFailed });
}
