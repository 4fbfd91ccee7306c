/**
 * GET /services/{service_id}/notifications/{notification_id}/history → 200 every status change
 * of the notification, oldest first (the same body as GET /v2/notifications/{id}/history). An
 * unknown id, a malformed one and another service's are the same 404.
 */
import * as v from "valibot";
import { Errors } from "../../errors";
import { json } from "../../http/app-request";
import { HistoryBody, historyJson } from "../../notifications/evidence/evidence-json";
import { loadNotificationHistory } from "../../notifications/evidence/status-history";
import { adminOperation } from "../admin-operation";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { notificationIdOf } from "./notification-param";

export const getNotificationHistoryOperation = adminOperation({
  operationId: "get-notification-history",
  method: "get",
  path: "/services/{service_id}/notifications/{notification_id}/history",
  tag: "notifications",
  summary: "Get the status history of a notification: every status, with time, source and the provider's code",
  description: "Only within the service's retention period: the history is deleted with the notification.",
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The history, oldest first", schema: HistoryBody },
  handle: async (request) => {
    const service = await scopedService(request);
    const id = notificationIdOf(request);
    const history = id ? await loadNotificationHistory(request.services.db, service.id, id) : undefined;
    if (!id || !history) throw Errors.notFound("Notification not found");
    return json(historyJson(id, history));
  },
});
