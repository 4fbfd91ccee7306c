/** GET /v2/notifications/{id}: any key of the service may read any of its notifications. */

import { and, eq } from "drizzle-orm";
import { notifications } from "../../../db/schema";
import { Errors } from "../../../errors";
import { type AppRequest, json } from "../../../http/app-request";
import { isUuid } from "../../../lib/ids";
import { authenticate } from "../authenticate";
import { notificationBody } from "./notification-body";

export async function getNotification(request: AppRequest): Promise<Response> {
  const { service } = await authenticate(request);
  const id = String(request.params.id ?? "");
  if (!isUuid(id)) throw Errors.validation(["notification_id is not a valid UUID"]);
  const row = await request.services.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id.toLowerCase()), eq(notifications.serviceId, service.id)))
    .get();
  if (!row) throw Errors.notFound();
  return json(notificationBody(request.origin, row));
}
