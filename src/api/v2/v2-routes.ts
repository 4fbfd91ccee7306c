/** The GOV.UK Notify v2 public API route table (plus our extensions, marked). */
import type { AppRouter } from "../../http/app-request";
import { getRecipientEvidence } from "./evidence/get-recipient-evidence";
import { getJob } from "./jobs/get-job";
import { postBulk } from "./jobs/post-bulk";
import { postCancelJob } from "./jobs/post-cancel-job";
import { getNotification } from "./notifications/get-notification";
import { getNotificationEvidence } from "./notifications/get-notification-evidence";
import { getNotificationHistory } from "./notifications/get-notification-history";
import { listNotifications } from "./notifications/list-notifications";
import { postCancelNotification } from "./notifications/post-cancel-notification";
import { postNotification } from "./notifications/post-notification";
import { getOpenApi } from "./openapi/get-openapi";
import { listReceivedTexts } from "./received-texts/list-received-texts";
import { getTemplate, getTemplateVersion } from "./templates/get-template-by-id";
import { listTemplates } from "./templates/list-templates";
import { previewTemplate } from "./templates/preview-template";

export function registerV2Routes(router: AppRouter): void {
  router
    // Before any /v2/notifications/:id route: itty matches in order.
    .post("/v2/notifications/bulk", postBulk)
    .post("/v2/notifications/sms", postNotification("sms"))
    .post("/v2/notifications/email", postNotification("email"))
    .post("/v2/notifications/:id/cancel", postCancelNotification)
    // Extensions (Wmebv evidence): the status history and the evidence export.
    .get("/v2/notifications/:id/history", getNotificationHistory)
    .get("/v2/notifications/:id/evidence", getNotificationEvidence)
    .get("/v2/notifications/:id", getNotification)
    .get("/v2/notifications", listNotifications)
    .get("/v2/template/:id/version/:version", getTemplateVersion)
    .get("/v2/template/:id", getTemplate)
    .post("/v2/template/:id/preview", previewTemplate)
    .get("/v2/templates", listTemplates)
    .get("/v2/received-text-messages", listReceivedTexts)
    .get("/v2/jobs/:id", getJob)
    .post("/v2/jobs/:id/cancel", postCancelJob)
    .get("/v2/evidence", getRecipientEvidence)
    .get("/v2/openapi.json", getOpenApi);
}
