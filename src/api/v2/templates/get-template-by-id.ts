/** GET /v2/template/{id} and GET /v2/template/{id}/version/{version}. */

import { Errors } from "../../../errors";
import { type AppRequest, json } from "../../../http/app-request";
import { isUuid } from "../../../lib/ids";
import { findTemplate, findTemplateVersion } from "../../../notifications/templates";
import { authenticate } from "../authenticate";
import { templateBody } from "./template-body";

export function templateIdParam(request: AppRequest): string {
  const id = String(request.params.id ?? "");
  if (!isUuid(id)) throw Errors.validation(["id is not a valid UUID"]);
  return id.toLowerCase();
}

export async function getTemplate(request: AppRequest): Promise<Response> {
  const { service } = await authenticate(request);
  const template = await findTemplate(request.services.db, service.id, templateIdParam(request));
  if (!template) throw Errors.notFound();
  return json(templateBody(template));
}

export async function getTemplateVersion(request: AppRequest): Promise<Response> {
  const { service } = await authenticate(request);
  const id = templateIdParam(request);
  const raw = String(request.params.version ?? "");
  if (!/^-?\d+$/.test(raw)) throw Errors.validation([`version ${raw} is not of type integer`]);
  const version = Number(raw);
  if (version < 1) throw Errors.validation([`version ${version} is less than the minimum of 1`]);
  const row = await findTemplateVersion(request.services.db, service.id, id, version);
  if (!row) throw Errors.notFound();
  const current = await findTemplate(request.services.db, service.id, id);
  return json(
    templateBody({
      ...row,
      id,
      createdAt: current?.createdAt ?? row.createdAt,
      updatedAt: version > 1 ? row.createdAt : null,
    }),
  );
}
