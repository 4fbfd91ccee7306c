/**
 * What both CM.com webhooks share: the URL token check (wrong token → 404, nothing read or
 * touched; with CM_WEBHOOK_ALLOWED_IPS also a request from another address), a small body limit, and a parse whose failure is a logged 400 with nothing changed.
 */

import { Errors } from "../errors";
import type { AppRequest } from "../http/app-request";
import { readBodyText } from "../http/body";
import { timingSafeEqual } from "../lib/crypto";
import { inRanges } from "../lib/ip-address";
import { log } from "../lib/log";
import { MalformedBody } from "./malformed-body";

/** A delivery report or MO is well under 4 KB; 64 KB leaves room and bounds the parsers' work. */
const WEBHOOK_BODY_LIMIT = 64 * 1024;

/** Throws the router's 404 unless the `:token` path segment is CM_WEBHOOK_TOKEN (constant time). */
function requireWebhookToken(request: AppRequest): void {
  const { CM_WEBHOOK_TOKEN, CM_WEBHOOK_ALLOWED_IPS } = request.services.config;
  const token = typeof request.params.token === "string" ? request.params.token : "";
  // With an allow-list, a request from elsewhere is answered as if the URL did not exist, like a wrong token.
  const fromAllowedSource =
    CM_WEBHOOK_ALLOWED_IPS.length === 0 || inRanges(request.headers.get("cf-connecting-ip") ?? "", CM_WEBHOOK_ALLOWED_IPS);
  if (!timingSafeEqual(token, CM_WEBHOOK_TOKEN) || !fromAllowedSource) {
    throw Errors.notFound("The requested URL was not found on the server.");
  }
}

/** The body (POST) as text, limited; "" for GET. */
async function webhookBody(request: AppRequest): Promise<string> {
  if (request.method === "GET" || request.method === "HEAD") return "";
  return readBodyText(request, Math.min(WEBHOOK_BODY_LIMIT, request.services.config.MAX_BODY_BYTES));
}

/** A parser of one webhook form: the body text, the query string and the content type. */
export type WebhookParser<T> = (bodyText: string, query: URLSearchParams, contentType: string) => T;

/** What a webhook is called in its log event and in its 400 message. */
export interface WebhookKind {
  /** Log event for an unreadable body, e.g. "cm_report_malformed". */
  event: string;
  /** Start of the 400 message, e.g. "Malformed delivery report". */
  label: string;
}

/** Token check, body, parse: the parsed value, or a 400 Notify error for a body we cannot read. */
export async function readWebhook<T>(request: AppRequest, kind: WebhookKind, parse: WebhookParser<T>): Promise<T> {
  requireWebhookToken(request);
  const text = await webhookBody(request);
  try {
    return parse(text, new URL(request.url).searchParams, request.headers.get("content-type") ?? "");
  } catch (error) {
    if (!(error instanceof MalformedBody)) throw error;
    log.warn(kind.event, { request_id: request.requestId, reason: error.message });
    throw Errors.badRequest(`${kind.label}: ${error.message}`);
  }
}
