/**
 * The `{id}` of the /v2/notifications/{id}/… extensions, checked exactly as GET
 * /v2/notifications/{id} checks it, so an unknown or other service's id gets the same 400 or 404
 * there as here.
 */
import { Errors } from "../../../errors";
import type { AppRequest } from "../../../http/app-request";
import { isUuid } from "../../../lib/ids";

export function notificationIdParam(request: AppRequest): string {
  const id = String(request.params.id ?? "");
  if (!isUuid(id)) throw Errors.validation(["notification_id is not a valid UUID"]);
  return id.toLowerCase();
}
