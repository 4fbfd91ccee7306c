/**
 * Admin API authentication: `Authorization: Bearer <credential>`. The credential is the bootstrap
 * ADMIN_TOKEN or a named admin credential; the principal's name goes into every audit row, and a
 * `read-only` credential may only read.
 */

import { Errors } from "../errors";
import type { AppRequest } from "../http/app-request";
import { type AdminCaller, authenticateAdminToken } from "./admin-credentials/authenticate-admin-token";

/** Who is calling: `id` is null for the bootstrap token. */
export type AdminPrincipal = AdminCaller;

const READ_METHODS = new Set(["GET", "HEAD"]);
const principals = new WeakMap<AppRequest, AdminPrincipal>();

/**
 * itty-router middleware for every /admin route: returns nothing when the caller holds a valid
 * credential, so routing continues; otherwise throws a 401 before any body is read, or a 403 when a
 * read-only credential asks for a change.
 */
export async function requireAdmin(request: AppRequest): Promise<void> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^bearer\s+(\S+)\s*$/i.exec(header.trim());
  if (!match?.[1]) throw Errors.auth(401, "Unauthorized: admin token must be provided");
  const principal = await authenticate(request, match[1]);
  if (!principal) throw Errors.auth(401, "Invalid token: admin token not recognised");
  if (principal.role === "read-only" && !READ_METHODS.has(request.method)) {
    throw Errors.auth(403, "Forbidden: this credential is read-only");
  }
  principals.set(request, principal);
}

function authenticate(request: AppRequest, token: string): Promise<AdminPrincipal | null> {
  const { db, config, clock } = request.services;
  return authenticateAdminToken({ db, bootstrapToken: config.ADMIN_TOKEN, clock }, token);
}

/** The principal requireAdmin established for this request. */
export function adminPrincipal(request: AppRequest): AdminPrincipal {
  const principal = principals.get(request);
  if (!principal) throw new Error("adminPrincipal() called on a request that did not pass requireAdmin");
  return principal;
}
