/**
 * GET /v2/notifications/{id}/evidence (extension): the evidence of one notification (what, to
 * whom, when, through which provider, who sent it, every status), as JSON, or with
 * `Accept: text/html` as a printable Dutch page ("Bewijs van verzending") the organisation can
 * hand to a citizen (Wmebv). Only within retention: a purged notification is a 404.
 */
import { Errors } from "../../../errors";
import type { AppRequest } from "../../../http/app-request";
import { evidenceContext, notificationEvidenceResponse } from "../../../http/evidence-response";
import { loadNotificationEvidence } from "../../../notifications/evidence/load-notification-evidence";
import { authenticate } from "../authenticate";
import { notificationIdParam } from "./notification-id-param";

export async function getNotificationEvidence(request: AppRequest): Promise<Response> {
  const { service } = await authenticate(request);
  const id = notificationIdParam(request);
  const context = evidenceContext(request, service.id);
  const evidence = await loadNotificationEvidence(request.services.db, context, id);
  if (!evidence) throw Errors.notFound();
  return notificationEvidenceResponse(request, evidence);
}
