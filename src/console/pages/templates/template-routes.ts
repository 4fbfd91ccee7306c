/**
 * The console's templates pages. The fixed paths (nieuw, voorbeeld) come before the
 * :templateId ones, so they are never read as a template id.
 */
import type { AppRouter } from "../../../http/app-request";
import { postArchiveTemplate, postUnarchiveTemplate } from "./archive-template";
import { getEditTemplate, postEditTemplate } from "./edit-template";
import { getNewTemplate, postNewTemplate } from "./new-template";
import { postTemplatePreview } from "./preview-fragment";
import { getTemplateList } from "./template-list";
import { getTemplate } from "./template-page";
import { getTemplateVersions } from "./template-versions";

const BASE = "/diensten/:serviceId/sjablonen";

export function registerTemplateRoutes(router: AppRouter): void {
  router.get(BASE, getTemplateList);
  router.get(`${BASE}/nieuw`, getNewTemplate);
  router.post(`${BASE}/nieuw`, postNewTemplate);
  router.post(`${BASE}/voorbeeld`, postTemplatePreview);
  router.get(`${BASE}/:templateId`, getTemplate);
  router.get(`${BASE}/:templateId/bewerken`, getEditTemplate);
  router.post(`${BASE}/:templateId/bewerken`, postEditTemplate);
  router.get(`${BASE}/:templateId/versies`, getTemplateVersions);
  router.post(`${BASE}/:templateId/archiveren`, postArchiveTemplate);
  router.post(`${BASE}/:templateId/terugzetten`, postUnarchiveTemplate);
}
