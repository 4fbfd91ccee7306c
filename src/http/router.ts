/**
 * The HTTP skeleton: request ids, config, one error handler (Notify body, never a stack trace),
 * JSON 404, and the route tables of the public API, the admin API and the provider webhooks.
 */
import { Router } from "itty-router";
import { ConfigError } from "../config";
import { errorFields, log } from "../lib/log";
import { type AppRequest, appContext, json } from "./context";
import { ApiError, Errors } from "./errors";
import { registerRoutes } from "./routes";

function withContext(request: AppRequest, env: Env): void {
  request.requestId = request.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
  request.origin = new URL(request.url).origin;
  request.app = appContext(env);
}

export function toErrorResponse(error: unknown, request?: AppRequest): Response {
  const requestId = request?.requestId;
  if (error instanceof ApiError) return json(error.toBody(), error.status);
  if (error instanceof ConfigError) {
    log.error("config_invalid", { request_id: requestId, ...errorFields(error) });
    return json(Errors.internal().toBody(), 500);
  }
  log.error("unhandled_error", {
    request_id: requestId,
    method: request?.method,
    path: request ? new URL(request.url).pathname : undefined,
    ...errorFields(error),
    stack: error instanceof Error ? error.stack?.slice(0, 2000) : undefined,
  });
  return json(Errors.internal().toBody(), 500);
}

function withRequestId(response: Response, request: AppRequest): Response {
  if (!(response instanceof Response)) return response;
  const headers = new Headers(response.headers);
  if (request.requestId) headers.set("x-request-id", request.requestId);
  headers.set("x-content-type-options", "nosniff");
  headers.set("cache-control", "no-store");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export function createRouter() {
  const router = Router<AppRequest, [Env, ExecutionContext]>({
    before: [withContext],
    catch: (error, request) => toErrorResponse(error, request as AppRequest),
    finally: [withRequestId],
  });
  router.get("/health", () => json({ status: "ok" }));
  registerRoutes(router);
  router.all("*", () => json(Errors.notFound("The requested URL was not found on the server.").toBody(), 404));
  return router;
}

export type AppRouter = ReturnType<typeof createRouter>;
