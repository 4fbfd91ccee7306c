/**
 * POST /v2/notifications/{id}/cancel: cancels a scheduled notification that has not been sent yet;
 * 200 with the notification as GET returns it. Not scheduled, or already on its way: 400.
 */

import { Errors } from "../../../errors";
import { type AppRequest, json } from "../../../http/app-request";
import { isUuid } from "../../../lib/ids";
import { cancelScheduledNotification } from "../../../notifications/cancel-scheduled";
import { authenticate } from "../authenticate";
import { notificationBody } from "./notification-body";

/** Handler of POST /v2/notifications/{id}/cancel. */
export async function postCancelNotification(request: AppRequest): Promise<Response> {
  const { services } = request;
  const { service } = await authenticate(request);
  const id = String(request.params.id ?? "");
  if (!isUuid(id)) throw Errors.validation(["notification_id is not a valid UUID"]);
  const outcome = await cancelScheduledNotification(services.db, service.id, id.toLowerCase(), services.clock.now());
  if (outcome.result === "not_found") throw Errors.notFound();
  if (outcome.result === "not_cancellable") {
    throw Errors.badRequest("Notification cannot be cancelled - only scheduled notifications that have not been sent can be cancelled");
  }
  return json(notificationBody(request.origin, outcome.row));
}
