/** Admin API authentication: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */

import { Errors } from "../errors";
import type { AppRequest } from "../http/app-request";
import { timingSafeEqual } from "../lib/crypto";

/**
 * itty-router middleware for every /admin route: returns nothing when the caller holds the admin
 * token, so routing continues; otherwise throws a 401 AuthError before any body is read.
 */
export function requireAdmin(request: AppRequest): void {
  const header = request.headers.get("authorization") ?? "";
  const match = /^bearer\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) throw Errors.auth(401, "Unauthorized: admin token must be provided");
  if (!timingSafeEqual(match[1].trim(), request.services.config.ADMIN_TOKEN)) {
    throw Errors.auth(401, "Invalid token: admin token not recognised");
  }
}
