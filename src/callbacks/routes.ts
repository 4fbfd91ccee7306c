/**
 * CM.com webhooks (DESIGN §3 "Webhooks in"). The secret token in the path is the only
 * authentication CM offers (no signatures, cm-com.md §2.6); GET is accepted for the legacy forms.
 */
import type { AppRouterType } from "../http/routes";
import { cmInbound } from "./cm-inbound.route";
import { cmStatusReport } from "./cm-status.route";

/** Registers the delivery-report and inbound-SMS webhooks. */
export function registerWebhookRoutes(router: AppRouterType): void {
  router.post("/callbacks/cm/:token/status", cmStatusReport);
  router.get("/callbacks/cm/:token/status", cmStatusReport);
  router.post("/callbacks/cm/:token/inbound", cmInbound);
  router.get("/callbacks/cm/:token/inbound", cmInbound);
}
