/**
 * GET /services/{service_id}/notifications/{notification_id}/evidence → 200 the evidence of one
 * notification (as GET /v2/notifications/{id}/evidence): JSON, or with `Accept: text/html` the
 * printable Dutch page, for an administrator answering a citizen's or a court's request (Wmebv).
 */
import * as v from "valibot";
import { Errors } from "../../errors";
import { evidenceContext, notificationEvidenceResponse } from "../../http/evidence-response";
import { NotificationEvidenceBody } from "../../notifications/evidence/evidence-json";
import { loadNotificationEvidence } from "../../notifications/evidence/load-notification-evidence";
import { adminOperation } from "../admin-operation";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { notificationIdOf } from "./notification-param";

export const getNotificationEvidenceOperation = adminOperation({
  operationId: "get-notification-evidence",
  method: "get",
  path: "/services/{service_id}/notifications/{notification_id}/evidence",
  tag: "notifications",
  summary: "Export the evidence of a notification: what, to whom, when, through which provider, who sent it, every status",
  description:
    "`Accept: text/html` gives a printable page in Dutch (times in Europe/Amsterdam with UTC beside them). " +
    "Only within the service's retention period.",
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The evidence (JSON), or the printable page (HTML)", schema: NotificationEvidenceBody, html: true },
  handle: async (request) => {
    const service = await scopedService(request);
    const id = notificationIdOf(request);
    const context = evidenceContext(request, service.id);
    const evidence = id ? await loadNotificationEvidence(request.services.db, context, id) : undefined;
    if (!evidence) throw Errors.notFound("Notification not found");
    return notificationEvidenceResponse(request, evidence);
  },
});
