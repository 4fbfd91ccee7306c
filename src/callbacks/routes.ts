import type { AppRouterType } from "../http/routes";

/** CM.com webhooks: delivery reports and inbound SMS. */
export function registerWebhookRoutes(_router: AppRouterType): void {}
