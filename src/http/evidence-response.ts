/**
 * The evidence exports as responses, the same for /v2 and the admin API: JSON, or with
 * `Accept: text/html` the printable Dutch page (negotiated-response.ts).
 */
import { notificationEvidenceJson, recipientEvidenceJson } from "../notifications/evidence/evidence-json";
import { notificationEvidencePage, recipientEvidencePage } from "../notifications/evidence/evidence-page";
import type { EvidenceContext, NotificationEvidence } from "../notifications/evidence/load-notification-evidence";
import type { RecipientEvidence } from "../notifications/evidence/load-recipient-evidence";
import type { AppRequest } from "./app-request";
import { jsonOrHtml } from "./negotiated-response";

/** What an export of `serviceId` is made with: the deployment it comes from and the time. */
export function evidenceContext(request: AppRequest, serviceId: string): EvidenceContext {
  return { serviceId, origin: request.origin, now: request.services.clock.now() };
}

export function notificationEvidenceResponse(request: AppRequest, evidence: NotificationEvidence): Promise<Response> {
  return jsonOrHtml(
    request.headers.get("accept"),
    () => notificationEvidenceJson(evidence),
    () => notificationEvidencePage(evidence),
    `bewijs-${evidence.record.id}.html`,
  );
}

export function recipientEvidenceResponse(request: AppRequest, evidence: RecipientEvidence): Promise<Response> {
  return jsonOrHtml(
    request.headers.get("accept"),
    () => recipientEvidenceJson(evidence),
    () => recipientEvidencePage(evidence),
    "bewijs-ontvanger.html",
  );
}
