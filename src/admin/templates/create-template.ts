/** Creating a template: the templates row at version 1 plus its immutable template_versions row. */
import type { Db } from "../../db/database";
import { templates, templateVersions } from "../../db/schema";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import {
  type TemplateObject,
  type TemplatePriority,
  type TemplateRow,
  type TemplateType,
  templateObject,
  versionRowOf,
} from "./template-object";
import { checkTemplateContent } from "./template-rules";

export interface NewTemplate {
  name: string;
  type: TemplateType;
  subject?: string | undefined;
  body: string;
  priority?: TemplatePriority | undefined;
  /** Second attempt after a failure: true/false overrides the service's setting; null follows it. */
  retry_failed?: boolean | null | undefined;
}

export async function createTemplate(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  input: NewTemplate,
  meta: ChangeMeta,
): Promise<TemplateObject> {
  checkTemplateContent(input.type, input.subject, input.body);
  const row: TemplateRow = {
    id: crypto.randomUUID(),
    serviceId: service.id,
    name: input.name,
    type: input.type,
    subject: input.type === "email" ? (input.subject ?? null) : null,
    body: input.body,
    priority: input.priority ?? "normal",
    version: 1,
    archived: false,
    retryFailed: input.retry_failed ?? null,
    createdBy: meta.actor,
    createdAt: meta.at,
    updatedAt: null,
  };
  await runBatch(db, [
    db.insert(templates).values(row),
    db.insert(templateVersions).values(versionRowOf(row, meta.at)),
    auditInsert(db, meta, {
      action: "template.create",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "template",
      targetId: row.id,
      details: { name: row.name, type: row.type, priority: row.priority, version: 1 },
    }),
  ]);
  return templateObject(row);
}
