/**
 * POST /v2/notifications/{id}/cancel: cancels a scheduled notification that has not been sent yet;
 * 200 with the notification as GET returns it. Not scheduled, or already on its way: 400.
 */
import { Errors } from "../../../http/errors";
import { json, type AppRequest } from "../../../http/context";
import { cancelScheduledNotification } from "../../../scheduled/cancel-scheduled";
import { authenticate } from "../authenticate";
import { notificationBody } from "../notifications/notification-body";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Handler of POST /v2/notifications/{id}/cancel. */
export async function postCancelNotification(request: AppRequest): Promise<Response> {
  const { app } = request;
  const { service } = await authenticate(request);
  const id = String(request.params.id ?? "");
  if (!UUID.test(id)) throw Errors.validation(["notification_id is not a valid UUID"]);
  const outcome = await cancelScheduledNotification(app.db, service.id, id.toLowerCase(), app.clock.now());
  if (outcome.result === "not_found") throw Errors.notFound();
  if (outcome.result === "not_cancellable") {
    throw Errors.badRequest("Notification cannot be cancelled - only scheduled notifications that have not been sent can be cancelled");
  }
  return json(notificationBody(request.origin, outcome.row));
}
