/** The `{notification_id}` of admin notification routes: lower-cased, or null when it is not a UUID (then a 404). */

import type { AppRequest } from "../../http/app-request";
import { isUuid } from "../../lib/ids";
import { pathParam } from "../shared/request";

export function notificationIdOf(request: AppRequest): string | null {
  const id = pathParam(request, "notification_id");
  return isUuid(id) ? id.toLowerCase() : null;
}
