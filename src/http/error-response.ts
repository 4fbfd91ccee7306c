/**
 * Rendering errors and the headers every response carries. A NotifyError becomes Notify's body
 * ({"status_code":N,"errors":[…]}); anything else is logged with its stack and answered with a
 * generic 500, so a stack trace never reaches a caller.
 */
import { ConfigError } from "../config";
import { Errors, NotifyError } from "../errors";
import { errorFields, log } from "../lib/log";
import { type AppRequest, json } from "./app-request";

/** Notify's error body for a NotifyError. */
export function notifyErrorResponse(error: NotifyError): Response {
  return json({ status_code: error.status, errors: error.errors }, error.status);
}

export function toErrorResponse(error: unknown, request?: AppRequest): Response {
  const requestId = request?.requestId;
  if (error instanceof NotifyError) return notifyErrorResponse(error);
  if (error instanceof ConfigError) {
    log.error("config_invalid", { request_id: requestId, ...errorFields(error) });
    return notifyErrorResponse(Errors.internal());
  }
  log.error("unhandled_error", {
    request_id: requestId,
    method: request?.method,
    path: request ? loggablePath(new URL(request.url).pathname) : undefined,
    ...errorFields(error),
    stack: error instanceof Error ? error.stack?.slice(0, 2000) : undefined,
  });
  return notifyErrorResponse(Errors.internal());
}

/** The path without the CM.com webhook token, which is a secret in the URL. */
export function loggablePath(path: string): string {
  return path.startsWith("/callbacks/cm/") ? path.replace(/^\/callbacks\/cm\/[^/]*/, "/callbacks/cm/<token>") : path;
}

/** x-request-id, nosniff and no-store on every response. */
export function withStandardHeaders(response: Response, request: AppRequest): Response {
  if (!(response instanceof Response)) return response;
  const headers = new Headers(response.headers);
  if (request.requestId) headers.set("x-request-id", request.requestId);
  headers.set("x-content-type-options", "nosniff");
  headers.set("cache-control", "no-store");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
