/**
 * POST|GET /callbacks/cm/:token/inbound: CM.com inbound SMS (MO). Exactly 200 when handled,
 * including numbers no service owns (CM retries anything else every 5 minutes for a month);
 * 400 for a body we cannot read.
 */

import { Errors } from "../errors";
import { type AppRequest, json } from "../http/app-request";
import { log } from "../lib/log";
import { type InboundSms, parseInbound } from "./cm-inbound-parse";
import { MalformedBody } from "./malformed-body";
import { receiveInbound } from "./receive-inbound";
import { requireWebhookToken, webhookBody } from "./webhook-request";

/** Handles one inbound SMS from CM.com. */
export async function cmInbound(request: AppRequest): Promise<Response> {
  requireWebhookToken(request);
  const text = await webhookBody(request);
  let sms: InboundSms;
  try {
    sms = parseInbound(text, new URL(request.url).searchParams, request.headers.get("content-type") ?? "");
  } catch (error) {
    if (!(error instanceof MalformedBody)) throw error;
    log.warn("cm_inbound_malformed", { request_id: request.requestId, reason: error.message });
    throw Errors.badRequest(`Malformed inbound message: ${error.message}`);
  }
  const result = await receiveInbound(request.services, sms, request.services.clock.now());
  return json({ result: "ok", stored: result.stored });
}
