/**
 * What both CM.com webhooks share: the URL token check (wrong token → 404, nothing read or
 * touched) and a small body limit.
 */

import { Errors } from "../errors";
import type { AppRequest } from "../http/app-request";
import { readBodyText } from "../http/body";
import { timingSafeEqual } from "../lib/crypto";

/** A delivery report or MO is well under 4 KB; 64 KB leaves room and bounds the parsers' work. */
const WEBHOOK_BODY_LIMIT = 64 * 1024;

/** Throws the router's 404 unless the `:token` path segment is CM_WEBHOOK_TOKEN (constant time). */
export function requireWebhookToken(request: AppRequest): void {
  const token = typeof request.params.token === "string" ? request.params.token : "";
  if (!timingSafeEqual(token, request.services.config.CM_WEBHOOK_TOKEN)) {
    throw Errors.notFound("The requested URL was not found on the server.");
  }
}

/** The body (POST) as text, limited; "" for GET. */
export async function webhookBody(request: AppRequest): Promise<string> {
  if (request.method === "GET" || request.method === "HEAD") return "";
  return readBodyText(request, Math.min(WEBHOOK_BODY_LIMIT, request.services.config.MAX_BODY_BYTES));
}
