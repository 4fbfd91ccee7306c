/** The route tables, one per audience. Each table lives beside its handlers. */
import type { RouterType } from "itty-router";
import { registerAdminRoutes } from "../admin/routes";
import { registerV2Routes } from "../api/v2/routes";
import { registerWebhookRoutes } from "../callbacks/routes";
import type { AppRequest } from "./context";

export type AppRouterType = RouterType<AppRequest, [Env, ExecutionContext]>;

export function registerRoutes(router: AppRouterType): void {
  registerV2Routes(router);
  registerAdminRoutes(router);
  registerWebhookRoutes(router);
}
