/**
 * CM.com webhooks (inbound: delivery reports and MO messages; outbound callbacks are in src/service-callbacks/). The secret token in the path is the only
 * authentication CM offers (no signatures); GET is accepted for the legacy forms.
 */
import type { AppRouter } from "../http/app-request";
import { cmInbound } from "./cm-inbound";
import { cmStatusReport } from "./cm-report";

/** Registers the delivery-report and inbound-SMS webhooks. */
export function registerWebhookRoutes(router: AppRouter): void {
  router.post("/callbacks/cm/:token/status", cmStatusReport);
  router.get("/callbacks/cm/:token/status", cmStatusReport);
  router.post("/callbacks/cm/:token/inbound", cmInbound);
  router.get("/callbacks/cm/:token/inbound", cmInbound);
}
