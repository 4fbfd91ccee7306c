/**
 * POST|GET /callbacks/cm/:token/inbound: CM.com inbound SMS (MO). Exactly 200 when handled,
 * including numbers no service owns (CM retries anything else every 5 minutes for a month);
 * 400 for a body we cannot read.
 */

import { type AppRequest, json } from "../http/app-request";
import { parseInbound } from "./cm-inbound-parse";
import { receiveInbound } from "./receive-inbound";
import { readWebhook } from "./webhook-request";

/** Handles one inbound SMS from CM.com. */
export async function cmInbound(request: AppRequest): Promise<Response> {
  const sms = await readWebhook(request, { event: "cm_inbound_malformed", label: "Malformed inbound message" }, parseInbound);
  const result = await receiveInbound(request.services, sms, request.services.clock.now());
  return json({ result: "ok", stored: result.stored });
}
