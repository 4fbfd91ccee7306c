// The send endpoint, POST /v1.0/message (README.md, "Send endpoint"): injected failures, request
// envelope and authentication, per-recipient results, and storing accepted messages.

import { isObject, readBody, sendJson, sleep } from "./http.mjs";
import { scheduleReports } from "./reports.mjs";
import { evaluateMsg, TEXT } from "./validate.mjs";

/** @import { IncomingMessage, ServerResponse } from "node:http" */
/** @import { HttpError } from "./http.mjs" */
/** @import { Config, SimState } from "./state.mjs" */
/** @import { StoredMessage } from "./store.mjs" */
/** @import { Acceptance } from "./validate.mjs" */

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_MSG_PER_REQUEST = 1000; // CM: "up to 1000 msg objects" per request

/**
 * The body of every answer of the send endpoint.
 * @typedef {object} SendBody
 * @property {string} details
 * @property {number} errorCode  0 all accepted, 201 some or none accepted, or a request-level error code
 * @property {object[]} messages  one entry per msg × to
 */

/**
 * @param {SimState} s
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 */
export async function handleSend(s, req, res) {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return sendJson(res, 405, { details: "Method not allowed", errorCode: 999, messages: [] });
  }
  s.counters.requests += 1;
  let raw;
  try {
    raw = await readBody(req);
  } catch (err) {
    const e = /** @type {HttpError} */ (err);
    return sendJson(res, e.status ?? 400, { details: e.message, errorCode: 202, messages: [] });
  }
  const cfg = s.config; // read after the body: runtime changes apply to requests still uploading
  if (cfg.hangRequests) {
    // Never answer: the client has to time out. The socket is destroyed by close().
    s.counters.hungRequests += 1;
    s.logger?.("send: hanging request");
    return;
  }
  const now = Date.now();
  const failingUntil = cfg.failUntil !== null && now < cfg.failUntil;
  if (failingUntil || cfg.failNextRequests > 0) {
    if (!failingUntil) cfg.failNextRequests -= 1; // cfg is still the live config object here (no await since)
    s.counters.failedRequests += 1;
    s.logger?.(`send: injected failure ${cfg.failStatus}`);
    return respond(res, cfg, cfg.failStatus, { details: "Simulated failure", errorCode: 500, messages: [] });
  }
  const { status, body } = processSend(s, req, raw, cfg);
  s.logger?.(`send: ${status} ${body.details} (errorCode ${body.errorCode})`);
  return respond(res, cfg, status, body);
}

/**
 * Answer, after `delayMs` if configured. The messages are already created (a slow CM, not a lost request).
 * @param {ServerResponse} res
 * @param {Config} cfg
 * @param {number} status
 * @param {SendBody} body
 */
async function respond(res, cfg, status, body) {
  if (cfg.delayMs > 0) await sleep(cfg.delayMs);
  sendJson(res, status, body);
}

/**
 * Check the envelope and the token, then every msg; accepted messages are stored and get their reports.
 * @param {SimState} s
 * @param {IncomingMessage} req
 * @param {Buffer} raw  the request body
 * @param {Config} cfg
 * @returns {{ status: number, body: SendBody }}
 */
function processSend(s, req, raw, cfg) {
  let root;
  try {
    root = JSON.parse(raw.toString("utf8").replace(/^\uFEFF/, ""));
  } catch {
    return fail(400, 202, TEXT[202]);
  }
  const messages = root?.messages;
  if (!isObject(root) || !isObject(messages)) return fail(400, 202, TEXT[202]);

  // Authentication: header first, then body `authentication.productToken` (key case-insensitive).
  /** @type {unknown} */
  let token = req.headers["x-cm-producttoken"];
  if (token === undefined && isObject(messages.authentication)) {
    for (const [k, v] of Object.entries(messages.authentication)) {
      if (k.toLowerCase() === "producttoken") token = v;
    }
  }
  if (cfg.authFailure || !tokenAccepted(token, cfg.productToken)) return fail(400, 101, TEXT[101]);

  const msgs = messages.msg;
  if (!Array.isArray(msgs) || msgs.length === 0) return fail(400, 203, TEXT[203]);
  // [INF] CM's exact answer to >1000 msg objects is undocumented; this fake refuses the request.
  if (msgs.length > MAX_MSG_PER_REQUEST) {
    return fail(400, 203, `${TEXT[203]} At most ${MAX_MSG_PER_REQUEST} msg objects per request.`);
  }

  const results = [];
  let accepted = 0;
  const receivedAt = Date.now();
  for (const msg of msgs) {
    for (const entry of evaluateMsg(msg, cfg)) {
      if (entry.accept) {
        accepted += 1;
        acceptMessage(s, entry, receivedAt, cfg);
        results.push({
          to: entry.to,
          status: "Accepted",
          reference: entry.reference,
          parts: entry.parts,
          messageDetails: null,
          messageErrorCode: 0,
        });
      } else {
        s.counters.messagesRejected += 1;
        results.push({
          to: entry.to,
          status: "Rejected",
          reference: entry.reference,
          parts: 0,
          messageDetails: entry.details,
          messageErrorCode: entry.code,
        });
      }
    }
  }
  const rejected = results.length - accepted;
  const details = `Created ${accepted} message(s)`;
  if (rejected === 0) return { status: 200, body: { details, errorCode: 0, messages: results } };
  return { status: accepted > 0 ? 200 : 400, body: { details, errorCode: 201, messages: results } };
}

/**
 * Store an accepted message, count it and schedule its reports.
 * @param {SimState} s
 * @param {Acceptance} entry
 * @param {number} receivedAt  epoch ms
 * @param {Config} cfg
 */
function acceptMessage(s, entry, receivedAt, cfg) {
  const { msg } = entry;
  s.messageId += 1;
  /** @type {StoredMessage} */
  const stored = {
    id: s.messageId,
    to: entry.to,
    from: entry.from,
    body: entry.body,
    reference: entry.reference,
    parts: entry.parts,
    encoding: entry.encoding,
    receivedAt: new Date(receivedAt).toISOString(),
  };
  /** @type {Record<string, unknown>} */
  const extra = stored;
  for (const key of [
    "allowedChannels",
    "dcs",
    "validity",
    "customGrouping",
    "customGrouping2",
    "customGrouping3",
    "minimumNumberOfMessageParts",
    "maximumNumberOfMessageParts",
  ]) {
    if (msg[key] !== undefined) extra[key] = msg[key];
  }
  s.counters.messagesReceived += 1;
  s.counters.countReference(entry.reference);
  s.store.add(stored);
  scheduleReports(s, stored, receivedAt, cfg);
}

/**
 * @param {unknown} token
 * @param {string | null} expected  the configured productToken, if any
 */
function tokenAccepted(token, expected) {
  if (typeof token !== "string") return false;
  if (expected) return token.toLowerCase() === expected.toLowerCase();
  return GUID_RE.test(token); // "The token must always include hyphens."
}

/**
 * A request-level error: no per-message results.
 * @param {number} status
 * @param {number} errorCode
 * @param {string} details
 * @returns {{ status: number, body: SendBody }}
 */
function fail(status, errorCode, details) {
  return { status, body: { details, errorCode, messages: [] } };
}
