/**
 * Rendering errors and the headers every response carries. A NotifyError becomes Notify's body
 * ({"status_code":N,"errors":[…]}) on the public API and problem details on the admin API; anything
 * else is logged with its stack and answered with a generic 500, so a stack trace never reaches a caller.
 */
import { ConfigError } from "../config";
import { Errors, NotifyError } from "../errors";
import { errorFields, log } from "../lib/log";
import { apiVersionFor, isAdminPath } from "./api-versions";
import { type AppRequest, json } from "./app-request";
import { problemResponse } from "./problem-response";

/** Notify's error body for a NotifyError. */
export function notifyErrorResponse(error: NotifyError): Response {
  return json({ status_code: error.status, errors: error.errors }, error.status);
}

export function toErrorResponse(error: unknown, request?: AppRequest): Response {
  const requestId = request?.requestId;
  const render = request && isAdminPath(new URL(request.url).pathname) ? problemResponse : notifyErrorResponse;
  if (error instanceof NotifyError) return render(error);
  if (error instanceof ConfigError) {
    log.error("config_invalid", { request_id: requestId, ...errorFields(error) });
    return render(Errors.internal());
  }
  log.error("unhandled_error", {
    request_id: requestId,
    method: request?.method,
    path: request ? loggablePath(new URL(request.url).pathname) : undefined,
    ...errorFields(error),
    stack: error instanceof Error ? error.stack?.slice(0, 2000) : undefined,
  });
  return render(Errors.internal());
}

/** Paths whose next segment is a secret: the CM.com webhook token, console invitation and reset links. */
const SECRET_SEGMENT_AFTER = ["/callbacks/cm/", "/uitnodiging/", "/wachtwoord-herstellen/"];

/** The path with its secret segment, if it has one, replaced by `<token>`: what logs may hold. */
export function loggablePath(path: string): string {
  const prefix = SECRET_SEGMENT_AFTER.find((candidate) => path.startsWith(candidate));
  if (!prefix) return path;
  const end = path.indexOf("/", prefix.length);
  return `${prefix}<token>${end < 0 ? "" : path.slice(end)}`;
}

/**
 * On every response: x-request-id, API-Version, and the NL API Design Rules' security headers
 * (/core/transport/security-headers); HSTS only over HTTPS, where a browser honours it.
 */
export function withStandardHeaders(response: Response, request: AppRequest): Response {
  if (!(response instanceof Response)) return response;
  const headers = new Headers(response.headers);
  const url = new URL(request.url);
  if (request.requestId) headers.set("x-request-id", request.requestId);
  headers.set("api-version", apiVersionFor(url.pathname));
  headers.set("x-content-type-options", "nosniff");
  headers.set("cache-control", "no-store");
  headers.set("x-frame-options", "DENY");
  if (!headers.has("content-security-policy")) headers.set("content-security-policy", "frame-ancestors 'none'");
  if (url.protocol === "https:") headers.set("strict-transport-security", "max-age=31536000");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
