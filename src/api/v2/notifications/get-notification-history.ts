/**
 * GET /v2/notifications/{id}/history (extension; Notify clients never call it): every status
 * change of one of the service's notifications, oldest first. Any key of the service may read it,
 * as with GET /v2/notifications/{id}; another service's id is the same 404 as an unknown one.
 */
import { Errors } from "../../../errors";
import { type AppRequest, json } from "../../../http/app-request";
import { historyJson } from "../../../notifications/evidence/evidence-json";
import { loadNotificationHistory } from "../../../notifications/evidence/status-history";
import { authenticate } from "../authenticate";
import { notificationIdParam } from "./notification-id-param";

export async function getNotificationHistory(request: AppRequest): Promise<Response> {
  const { service } = await authenticate(request);
  const id = notificationIdParam(request);
  const history = await loadNotificationHistory(request.services.db, service.id, id);
  if (!history) throw Errors.notFound();
  return json(historyJson(id, history));
}
