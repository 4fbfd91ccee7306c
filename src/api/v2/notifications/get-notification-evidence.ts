/**
 * GET /v2/notifications/{id}/evidence (extension): the evidence of one notification (what, to
 * whom, when, through which provider, who sent it, every status), as JSON, or with
 * `Accept: text/html` as a printable Dutch page ("Bewijs van verzending") the organisation can
 * hand to a citizen (Wmebv). Only within retention: a purged notification is a 404.
 */
import { Errors } from "../../../errors";
import type { AppRequest } from "../../../http/app-request";
import { jsonOrHtml } from "../../../http/negotiated-response";
import { notificationEvidenceJson } from "../../../notifications/evidence/evidence-json";
import { notificationEvidencePage } from "../../../notifications/evidence/evidence-page";
import { loadNotificationEvidence } from "../../../notifications/evidence/load-notification-evidence";
import { authenticate } from "../authenticate";
import { notificationIdParam } from "./notification-id-param";

export async function getNotificationEvidence(request: AppRequest): Promise<Response> {
  const { service } = await authenticate(request);
  const id = notificationIdParam(request);
  const context = { serviceId: service.id, origin: request.origin, now: request.services.clock.now() };
  const evidence = await loadNotificationEvidence(request.services.db, context, id);
  if (!evidence) throw Errors.notFound();
  return jsonOrHtml(
    request.headers.get("accept"),
    () => notificationEvidenceJson(evidence),
    () => notificationEvidencePage(evidence),
    `bewijs-${id}.html`,
  );
}
