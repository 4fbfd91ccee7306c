/**
 * The HTTP composition: request ids and services before every handler, one error handler (Notify
 * body, never a stack trace), a 404 in the caller's format, and the route tables of the public API,
 * the admin API, the provider webhooks and the web console, each of which lives beside its handlers.
 */
import { Router } from "itty-router";
import { registerAdminRoutes } from "../admin/admin-routes";
import { registerV2Routes } from "../api/v2/v2-routes";
import { consoleNotFound, isConsolePath, registerConsoleRoutes } from "../console/console-routes";
import { Errors } from "../errors";
import { type AppRequest, type AppRouter, json } from "../http/app-request";
import { toErrorResponse, withStandardHeaders } from "../http/error-response";
import { registerWebhookRoutes } from "../webhooks/webhook-routes";
import type { Services } from "./services";

function withServices(request: AppRequest, services: Services, context?: ExecutionContext): void {
  request.requestId = request.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
  request.origin = new URL(request.url).origin;
  request.services = services;
  // Without a Worker context (a direct call in a test) the work simply runs on unawaited.
  request.waitUntil = context ? (work) => context.waitUntil(work) : () => {};
}

/** The Worker's router; `fetch(request, services)`. */
export function createRouter(): AppRouter {
  const router: AppRouter = Router<AppRequest, [Services, ExecutionContext?]>({
    before: [withServices],
    catch: (error, request) => toErrorResponse(error, request as AppRequest),
    finally: [withStandardHeaders],
  });
  router.get("/health", () => json({ status: "ok" }));
  registerV2Routes(router);
  registerAdminRoutes(router);
  registerWebhookRoutes(router);
  registerConsoleRoutes(router);
  // A browser gets the console's Dutch page; an API caller gets its API's error format.
  router.all("*", (request) => (isConsolePath(new URL(request.url).pathname) ? consoleNotFound() : undefined));
  // Thrown, so the error handler renders it in the caller's API's format (Notify body or problem details).
  router.all("*", () => {
    throw Errors.notFound("The requested URL was not found on the server.");
  });
  return router;
}
