// Inbound (MO) messages, triggered through the control API or handle.inbound() (README.md, "Inbound (MO)").

import { randomUUID } from "node:crypto";
import { httpCall, isObject } from "./http.mjs";
import { cmTime } from "./report-format.mjs";
import { isUrlOrNull } from "./state.mjs";

/** @import { SimState } from "./state.mjs" */

/**
 * @typedef {object} InboundInput
 * @property {string} from
 * @property {string} to
 * @property {string} text
 * @property {string} [reference]  default: a random UUID
 * @property {string} [name]  the sender's name
 * @property {string} [messageContext]
 * @property {{ mediaUri?: string, contentType?: string, title?: string }} [media]
 * @property {Record<string, unknown>} [custom]
 * @property {string} [reportUrlOverride]  post to this URL instead of the configured inboundUrl
 * @property {string} [url]  the same, used when reportUrlOverride is absent
 */

/**
 * @typedef {object} InboundResult
 * @property {boolean} delivered  the receiver answered exactly 200
 * @property {number | null} status
 * @property {string | null} error  a network error, when there is no status
 * @property {string | null} response  the receiver's answer (at most 65,536 characters)
 * @property {Record<string, unknown>} payload  what was posted
 */

/**
 * POST one MO message in CM's JSON form to `reportUrlOverride` or the configured inboundUrl.
 * One attempt; throws a TypeError for invalid input or when there is nowhere to post.
 * @param {SimState} s
 * @param {unknown} input  an InboundInput
 * @returns {Promise<InboundResult>}
 */
export async function inbound(s, input) {
  if (!isObject(input)) throw new TypeError("inbound: body must be an object");
  const { from, to, text } = input;
  if (typeof from !== "string" || typeof to !== "string" || typeof text !== "string") {
    throw new TypeError("inbound: from, to and text are required strings");
  }
  const target = input.reportUrlOverride ?? input.url ?? s.config.inboundUrl;
  if (!target || !isUrlOrNull(target)) throw new TypeError("inbound: no inboundUrl configured (or reportUrlOverride given)");
  // The shape of CM's documented example; timeUtc is UTC without zone.
  const payload = {
    reference: typeof input.reference === "string" ? input.reference : randomUUID(),
    from: { number: from, name: typeof input.name === "string" ? input.name : "" },
    to: { number: to },
    message: {
      text,
      media: { mediaUri: "", contentType: "", title: "", ...(isObject(input.media) ? input.media : {}) },
      custom: isObject(input.custom) ? input.custom : {},
    },
    groupings: [randomUUID(), "messagesApi", ""],
    timeUtc: cmTime(Date.now()),
    channel: "SMS",
    messageContext: typeof input.messageContext === "string" ? input.messageContext : "",
  };
  const result = await httpCall(
    new URL(target),
    {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(payload),
    },
    s.settings.reportTimeoutMs,
  );
  // CM treats anything but exactly 200 as not delivered (and retries every 5 minutes; this fake
  // makes one attempt and reports the outcome to the caller instead).
  const delivered = result.status === 200;
  if (delivered) s.counters.inboundSent += 1;
  else s.counters.inboundFailed += 1;
  s.logger?.(`inbound ${from} -> ${to}: ${result.status ?? result.error}`);
  return { delivered, status: result.status ?? null, error: result.error ?? null, response: result.body ?? null, payload };
}
