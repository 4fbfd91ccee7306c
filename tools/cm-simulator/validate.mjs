// Validation of the `msg` objects of a send request: one result per recipient, accepted or rejected
// with CM's per-message error code (README.md, "Send endpoint", step 5), and CM's error texts.

import { countParts, detectEncoding } from "./encoding.mjs";
import { isObject } from "./http.mjs";

/** @import { Encoding } from "./encoding.mjs" */
/** @import { Config } from "./state.mjs" */

/** Request-level and per-message texts (the descriptions in CM's SDKs). */
export const TEXT = {
  101: "No account found for the given authentication", // exact text from CM's docs
  202: "This request is malformed, please confirm the JSON and that the correct data types are used.",
  203: "The request's MSG array is incorrect.",
  403: "Message has been rejected.",
  500: "An internal error has occurred.",
};

// CM documents "11 alphanumerical characters"; operators accept alphanumeric sender IDs with spaces
// and a little punctuation (GSM 03.40 alphanumeric address), and the admin API allows the same set.
const FROM_ALNUM_RE = /^(?=.*[A-Za-z0-9])[A-Za-z0-9 &._-]{1,11}$/;
const FROM_DIGITS_RE = /^[0-9]{1,16}$/;
const REFERENCE_RE = /^[A-Za-z0-9]{1,32}$/;
// "00" + country code + subscriber number; E.164 allows at most 15 digits after the international prefix.
const MSISDN_RE = /^00[1-9][0-9]{5,14}$/;

const MAX_TO_PER_MSG = 1000; // CM: up to 1000 recipients per msg
const DEFAULT_MAX_PARTS = 8; // CM's SDK default; the gateway's own default is undocumented

/**
 * A recipient that gets no message; `to` echoes whatever the request had (null when absent).
 * @typedef {{ accept: false, to: unknown, reference: string | null, code: number, details: string }} Rejection
 */

/**
 * A recipient that gets the message.
 * @typedef {object} Acceptance
 * @property {true} accept
 * @property {string} to
 * @property {string | null} reference
 * @property {number} parts
 * @property {Encoding} encoding
 * @property {string} from
 * @property {{ type: string, content: string }} body
 * @property {Record<string, any>} msg  the msg object as sent
 */

/**
 * @param {unknown} to
 * @param {string | null} reference
 * @param {number} code
 * @param {string} details
 * @returns {Rejection}
 */
function reject(to, reference, code, details) {
  return { accept: false, to, reference, code, details };
}

/**
 * Validate one `msg` object; yields one result per recipient (as CM's response does), or a single
 * rejection when the msg has no usable recipients.
 * @param {unknown} msg
 * @param {Config} cfg  for rejectAll
 * @returns {Generator<Rejection | Acceptance, void, undefined>}
 */
export function* evaluateMsg(msg, cfg) {
  if (!isObject(msg)) {
    yield reject(null, null, 305, "The msg object is invalid.");
    return;
  }
  const reference = msg.reference === undefined || msg.reference === null ? null : msg.reference;
  const refOut = typeof reference === "string" ? reference : reference === null ? null : String(reference);
  const recipients = Array.isArray(msg.to) ? msg.to : null;
  /** @type {(t: unknown) => unknown} */
  const numberOf = (t) => (isObject(t) && typeof t.number === "string" ? t.number : isObject(t) ? (t.number ?? null) : null);

  // Message-level problem: applies to every recipient of this msg.
  /** @type {[number, string] | null} */
  let msgError = null;
  const from = msg.from;
  const body = msg.body;
  const type = isObject(body) && typeof body.type === "string" ? body.type.toLowerCase() : "auto";
  let parts = 0;
  /** @type {Encoding} */
  let encoding = "gsm";
  const maxParts = msg.maximumNumberOfMessageParts ?? DEFAULT_MAX_PARTS;
  const minParts = msg.minimumNumberOfMessageParts ?? 1;

  if (typeof from !== "string" || !(FROM_ALNUM_RE.test(from) || FROM_DIGITS_RE.test(from))) {
    msgError = [301, `The from '${from ?? ""}' is invalid: use at most 11 alphanumeric characters or 16 digits.`];
  } else if (!isObject(body) || typeof body.content !== "string" || body.content.length === 0) {
    msgError = [304, "A body without content was found"];
  } else if (!["auto", "text", "binary"].includes(type)) {
    msgError = [304, `The body type '${body.type}' is invalid.`];
  } else if (reference !== null && (typeof reference !== "string" || !REFERENCE_RE.test(reference))) {
    msgError = [305, "The reference is invalid: use 1 - 32 alphanumeric characters."];
  } else if (
    !Number.isInteger(maxParts) ||
    maxParts < 1 ||
    maxParts > 255 ||
    !Number.isInteger(minParts) ||
    minParts < 1 ||
    minParts > maxParts
  ) {
    msgError = [305, "The minimumNumberOfMessageParts/maximumNumberOfMessageParts values are invalid."];
  } else if (recipients === null || recipients.length === 0) {
    msgError = [302, "No recipients (to) were found."];
  } else if (recipients.length > MAX_TO_PER_MSG) {
    msgError = [302, `Too many recipients: at most ${MAX_TO_PER_MSG} per msg.`];
  } else {
    encoding = detectEncoding(body.content, type, msg.dcs);
    parts = countParts(body.content, encoding).parts;
  }

  if (msgError) {
    if (recipients === null || recipients.length === 0) yield reject(null, refOut, ...msgError);
    else for (const t of recipients) yield reject(numberOf(t), refOut, ...msgError);
    return;
  }

  for (const t of /** @type {unknown[]} */ (recipients)) {
    const number = numberOf(t);
    if (typeof number !== "string" || !/^[0-9]+$/.test(number)) {
      yield reject(number, refOut, 303, `Gsm '${number ?? ""}' is not a number.`);
    } else if (!MSISDN_RE.test(number)) {
      yield reject(number, refOut, 303, `Gsm '${number}' is not in international format (00<country code><number>).`);
    } else if (parts > maxParts) {
      // Choice of this fake: CM may also truncate to maximumNumberOfMessageParts ("Message can be
      // truncated", in CM's docs); rejecting makes an adapter bug (too-long text) visible in tests.
      yield reject(number, refOut, 304, `The message needs ${parts} parts, more than maximumNumberOfMessageParts (${maxParts}).`);
    } else if (cfg.rejectAll) {
      yield reject(number, refOut, 403, TEXT[403]);
    } else {
      yield {
        accept: true,
        to: number,
        reference: refOut,
        parts,
        encoding,
        from,
        body: { type, content: body.content },
        msg,
      };
    }
  }
}
