// A local fake of CM.com's Business Messaging gateway (SMS), for tests, `npm start -- --cm-simulator`
// and benchmarks. Plain Node.js ESM, built-in modules only.
//
// Behaviour follows /work/shared/reference/cm-com.md:
//   §1  POST /v1.0/message: auth, validation, per-recipient results, response envelope and error codes
//   §2  delivery reports (status reports) POSTed as JSON or XML, or sent as a legacy GET, with retries
//   §3  inbound (MO) messages, triggered through the control API
// Everything the reference marks [INF] (inferred) is a choice of this fake, called out in comments.
//
// See README.md next to this file for options, magic numbers and the control API.

import { randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { countParts, detectEncoding } from "./encoding.mjs";

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// CM documents "11 alphanumerical characters"; operators accept alphanumeric sender IDs with spaces
// and a little punctuation (GSM 03.40 alphanumeric address), and the admin API allows the same set.
const FROM_ALNUM_RE = /^(?=.*[A-Za-z0-9])[A-Za-z0-9 &._-]{1,11}$/;
const FROM_DIGITS_RE = /^[0-9]{1,16}$/;
const REFERENCE_RE = /^[A-Za-z0-9]{1,32}$/;
// "00" + country code + subscriber number; E.164 allows at most 15 digits after the international prefix.
const MSISDN_RE = /^00[1-9][0-9]{5,14}$/;

const MAX_MSG_PER_REQUEST = 1000; // cm-com.md §1.3 "up to 1000 msg objects"
const MAX_TO_PER_MSG = 1000; // cm-com.md §1.3 recipients per msg
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_PARTS = 8; // CM's SDK default; the gateway's own default is undocumented
const MAX_BY_REFERENCE = 1_000_000; // bound for the per-reference counter map

/** Request-level and per-message texts (CM's SDK descriptions, cm-com.md §1.5). */
const TEXT = {
  101: "No account found for the given authentication", // exact text from CM's docs
  202: "This request is malformed, please confirm the JSON and that the correct data types are used.",
  203: "The request's MSG array is incorrect.",
  403: "Message has been rejected.",
  500: "An internal error has occurred.",
};

/** Delivery-report outcomes, chosen by the last four digits of the recipient number. */
export const MAGIC_NUMBERS = Object.freeze({
  "0002": { code: "3", errorCode: "5", errorDescription: "Message not delivered at third party" },
  "0003": {
    code: "3",
    errorCode: "7",
    errorDescription: "Message not delivered at operator because recipient has insufficient credit",
  },
  // CM documents no error code for status 1; this fake leaves errorCode empty and describes it.
  "0004": { code: "1", errorCode: "", errorDescription: "Rejected by CM or the operator" },
  // Extra (not in CM's docs): only an intermediate "accepted" report, never a final one (a stuck message).
  "0005": { code: "0", errorCode: "", errorDescription: "", stuck: true },
});
const DELIVERED = Object.freeze({ code: "2", errorCode: "", errorDescription: "" });
const ACCEPTED = Object.freeze({ code: "0", errorCode: "", errorDescription: "" });

const REPORT_FORMATS = new Set(["json", "xml", "get"]);

/** Runtime-configurable keys (POST /__sim/config and start options) with their validators. */
const CONFIG_KEYS = {
  failNextRequests: intAtLeast(0),
  failStatus: (v) => Number.isInteger(v) && v >= 100 && v <= 599,
  failUntil: (v) => v === null || (typeof v === "number" && Number.isFinite(v)),
  rejectAll: isBool,
  authFailure: isBool,
  delayMs: intAtLeast(0),
  hangRequests: isBool,
  duplicateReports: isBool,
  outOfOrderReports: isBool,
  intermediateReports: isBool,
  reportDelayMs: intAtLeast(0),
  reportUrl: isUrlOrNull,
  reportFormat: (v) => REPORT_FORMATS.has(v),
  inboundUrl: isUrlOrNull,
  productToken: (v) => v === null || (typeof v === "string" && v.length > 0),
};

const CONFIG_DEFAULTS = {
  failNextRequests: 0,
  failStatus: 503,
  failUntil: null,
  rejectAll: false,
  authFailure: false,
  delayMs: 0,
  hangRequests: false,
  duplicateReports: false,
  outOfOrderReports: false,
  intermediateReports: false,
  reportDelayMs: 200,
  reportUrl: null,
  reportFormat: "json",
  inboundUrl: null,
  productToken: null,
};

function isBool(v) {
  return typeof v === "boolean";
}
function intAtLeast(min) {
  return (v) => Number.isInteger(v) && v >= min;
}
function isUrlOrNull(v) {
  if (v === null) return true;
  if (typeof v !== "string") return false;
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/** Validate and pick config keys from `input`; throws a TypeError naming the bad key. */
function pickConfig(input, { allowUnknown }) {
  const out = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    if (!(key in CONFIG_KEYS)) {
      if (allowUnknown) continue;
      throw new TypeError(`unknown config key "${key}"`);
    }
    if (value === undefined) continue;
    if (!CONFIG_KEYS[key](value)) throw new TypeError(`invalid value for "${key}": ${JSON.stringify(value)}`);
    out[key] = value;
  }
  return out;
}

/** CM's `received`/`sent` format: ISO-8601 without zone (cm-com.md §2.2). This fake uses UTC. */
function cmTime(ms) {
  return new Date(ms).toISOString().slice(0, 19);
}

function xmlEscape(s) {
  return String(s).replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]);
}

/** A [INF] operator value: CM's `[OPERATOR]` format is unverified; MCC+MNC is the likeliest shape. */
function operatorFor(number) {
  if (number.startsWith("0031")) return "20408";
  if (number.startsWith("0032")) return "20610";
  if (number.startsWith("0049")) return "26201";
  if (number.startsWith("0044")) return "23410";
  return "";
}

// ---------------------------------------------------------------------------------------------
// Small data structures

/** Binary min-heap on (dueAt, seq): O(log n) push/pop for the report schedule. */
class Heap {
  constructor() {
    this.items = [];
  }
  get size() {
    return this.items.length;
  }
  peek() {
    return this.items[0];
  }
  clear() {
    this.items = [];
  }
  push(item) {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l], a[m])) m = l;
        if (r < a.length && less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
function less(x, y) {
  return x.dueAt < y.dueAt || (x.dueAt === y.dueAt && x.seq < y.seq);
}

/** Bounded FIFO store of accepted messages with an index by reference. Oldest are evicted first. */
class MessageStore {
  constructor(max) {
    this.max = max;
    this.clear();
  }
  clear() {
    this.items = [];
    this.head = 0;
    this.byRef = new Map();
  }
  get size() {
    return this.items.length - this.head;
  }
  add(m) {
    if (this.max <= 0) return;
    this.items.push(m);
    const key = m.reference ?? "";
    const list = this.byRef.get(key);
    if (list) list.push(m);
    else this.byRef.set(key, [m]);
    if (this.size > this.max) this.evictOldest();
  }
  evictOldest() {
    const old = this.items[this.head];
    this.items[this.head] = undefined;
    this.head += 1;
    const key = old.reference ?? "";
    const list = this.byRef.get(key);
    if (list) {
      list.shift(); // the oldest of that reference is always first
      if (list.length === 0) this.byRef.delete(key);
    }
    if (this.head > 65_536 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
  byReference(ref) {
    return this.byRef.get(ref) ?? [];
  }
  all() {
    return this.items.slice(this.head);
  }
}

/** Live counters, exposed as `handle.state` and (via toJSON) as GET /__sim/state. */
class SimState {
  constructor() {
    this.byReference = new Map();
    this.reset();
  }
  reset() {
    this.requests = 0; // requests to the send endpoint, whatever their fate
    this.failedRequests = 0; // answered with the injected failStatus
    this.hungRequests = 0; // never answered (hangRequests)
    this.messagesReceived = 0; // accepted messages (one per msg × to)
    this.messagesRejected = 0;
    this.duplicates = 0; // references received more than once (distinct references)
    this.duplicateMessages = 0; // extra receptions beyond the first, summed over references
    this.reportsSent = 0; // reports delivered (receiver answered 2xx)
    this.reportsFailed = 0; // reports given up after the last attempt
    this.reportAttempts = 0; // every HTTP attempt
    this.reportAttemptsFailed = 0; // attempts answered non-2xx, or network errors/timeouts
    this.reportsSkipped = 0; // reports due while no reportUrl was configured
    this.inboundSent = 0;
    this.inboundFailed = 0;
    this.byReferenceTruncated = false;
    this.byReference.clear();
  }
  countReference(ref) {
    const key = ref ?? "";
    const n = this.byReference.get(key);
    if (n === undefined) {
      if (this.byReference.size >= MAX_BY_REFERENCE) this.byReferenceTruncated = true;
      else this.byReference.set(key, 1);
      return;
    }
    this.byReference.set(key, n + 1);
    this.duplicateMessages += 1;
    if (n === 1) this.duplicates += 1;
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Start the CM.com fake.
 * @param {object} [options] see README.md
 * @returns {Promise<{url: string, port: number, close(): Promise<void>, state: SimState,
 *   configure(cfg: object): object, reset(): void, messages(filter?: object): object[],
 *   inbound(input: object): Promise<object>, waitForReports(opts?: {timeoutMs?: number}): Promise<void>,
 *   pendingReports(): number, config(): object}>}
 */
export async function startCmSimulator(options = {}) {
  const {
    host = "127.0.0.1",
    port = 0,
    log = false,
    maxStoredMessages = 200_000,
    reportConcurrency = 20,
    reportMaxAttempts = 5,
    reportRetryBaseMs = 250,
    reportTimeoutMs = 10_000,
    tickMs = 50,
  } = options;

  const initialConfig = { ...CONFIG_DEFAULTS, ...pickConfig(options, { allowUnknown: true }) };
  let config = { ...initialConfig };

  const logger = typeof log === "function" ? log : log ? (line) => console.log(`[cm-sim] ${line}`) : null;
  const state = new SimState();
  const store = new MessageStore(maxStoredMessages);
  const heap = new Heap();
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: reportConcurrency });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: reportConcurrency });
  let inFlight = 0;
  let seq = 0;
  let generation = 0; // bumped by reset(): completions of older reports no longer count
  let timer = null;
  let closed = false;
  let messageId = 0;

  // ------------------------------------------------------------------ send endpoint

  async function handleSend(req, res) {
    if (req.method !== "POST") {
      res.setHeader("Allow", "POST");
      return sendJson(res, 405, { details: "Method not allowed", errorCode: 999, messages: [] });
    }
    state.requests += 1;
    let raw;
    try {
      raw = await readBody(req);
    } catch (err) {
      return sendJson(res, err.status ?? 400, { details: err.message, errorCode: 202, messages: [] });
    }
    const cfg = config; // read after the body: runtime changes apply to requests still uploading
    if (cfg.hangRequests) {
      // Never answer: the client has to time out. The socket is destroyed by close().
      state.hungRequests += 1;
      logger?.("send: hanging request");
      return;
    }
    const now = Date.now();
    const failingUntil = cfg.failUntil !== null && now < cfg.failUntil;
    if (failingUntil || cfg.failNextRequests > 0) {
      if (!failingUntil) cfg.failNextRequests -= 1; // cfg is still the live config object here (no await since)
      state.failedRequests += 1;
      logger?.(`send: injected failure ${cfg.failStatus}`);
      return respond(res, cfg, cfg.failStatus, { details: "Simulated failure", errorCode: 500, messages: [] });
    }
    const { status, body } = processSend(req, raw, cfg);
    logger?.(`send: ${status} ${body.details} (errorCode ${body.errorCode})`);
    return respond(res, cfg, status, body);
  }

  /** Answer, after `delayMs` if configured. The messages are already created (a slow CM, not a lost request). */
  async function respond(res, cfg, status, body) {
    if (cfg.delayMs > 0) await sleep(cfg.delayMs);
    sendJson(res, status, body);
  }

  function processSend(req, raw, cfg) {
    let root;
    try {
      root = JSON.parse(raw.toString("utf8").replace(/^\uFEFF/, ""));
    } catch {
      return fail(400, 202, TEXT[202]);
    }
    const messages = root?.messages;
    if (!isObject(root) || !isObject(messages)) return fail(400, 202, TEXT[202]);

    // Authentication: header first, then body `authentication.productToken` (key case-insensitive).
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
          acceptMessage(entry, receivedAt, cfg);
          results.push({
            to: entry.to,
            status: "Accepted",
            reference: entry.reference,
            parts: entry.parts,
            messageDetails: null,
            messageErrorCode: 0,
          });
        } else {
          state.messagesRejected += 1;
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

  /** Validate one `msg` object; yields one result per recipient (as CM's response does). */
  function* evaluateMsg(msg, cfg) {
    if (!isObject(msg)) {
      yield reject(null, null, 305, "The msg object is invalid.");
      return;
    }
    const reference = msg.reference === undefined || msg.reference === null ? null : msg.reference;
    const refOut = typeof reference === "string" ? reference : reference === null ? null : String(reference);
    const recipients = Array.isArray(msg.to) ? msg.to : null;
    const numberOf = (t) => (isObject(t) && typeof t.number === "string" ? t.number : isObject(t) ? (t.number ?? null) : null);

    // Message-level problem: applies to every recipient of this msg.
    let msgError = null;
    const from = msg.from;
    const body = msg.body;
    const type = isObject(body) && typeof body.type === "string" ? body.type.toLowerCase() : "auto";
    let parts = 0;
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

    for (const t of recipients) {
      const number = numberOf(t);
      if (typeof number !== "string" || !/^[0-9]+$/.test(number)) {
        yield reject(number, refOut, 303, `Gsm '${number ?? ""}' is not a number.`);
      } else if (!MSISDN_RE.test(number)) {
        yield reject(number, refOut, 303, `Gsm '${number}' is not in international format (00<country code><number>).`);
      } else if (parts > maxParts) {
        // Choice of this fake: CM may also truncate to maximumNumberOfMessageParts ("Message can be
        // truncated", cm-com.md §1.3); rejecting makes an adapter bug (too-long text) visible in tests.
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

  function acceptMessage(entry, receivedAt, cfg) {
    const { msg } = entry;
    messageId += 1;
    const stored = {
      id: messageId,
      to: entry.to,
      from: entry.from,
      body: entry.body,
      reference: entry.reference,
      parts: entry.parts,
      encoding: entry.encoding,
      receivedAt: new Date(receivedAt).toISOString(),
    };
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
      if (msg[key] !== undefined) stored[key] = msg[key];
    }
    state.messagesReceived += 1;
    state.countReference(entry.reference);
    store.add(stored);
    scheduleReports(stored, receivedAt, cfg);
  }

  // ------------------------------------------------------------------ delivery reports

  function scheduleReports(stored, receivedAt, cfg) {
    if (!cfg.reportUrl) return; // no webhook configured (as with a CM account without one)
    const outcome = MAGIC_NUMBERS[stored.to.slice(-4)] ?? DELIVERED;
    // `received` of the final report is stamped when it is first sent (kept for retries and duplicates).
    // In out-of-order mode the late "accepted" report is stamped one second before acceptance, so it
    // is strictly older than the final one at CM's one-second resolution.
    const accepted = { ...ACCEPTED, received: cmTime(cfg.outOfOrderReports ? receivedAt - 1000 : receivedAt) };
    const final = { code: outcome.code, errorCode: outcome.errorCode, errorDescription: outcome.errorDescription, received: null };
    let list;
    if (outcome.stuck) list = [accepted];
    else if (cfg.outOfOrderReports) list = [final, accepted];
    else if (cfg.intermediateReports) list = [accepted, final];
    else list = [final];
    if (cfg.duplicateReports) list = list.flatMap((r) => [r, r]);
    // Reports of one message are chained: the next is scheduled when the previous one is done,
    // so their order at the receiver is exactly `list`.
    enqueue({
      dueAt: receivedAt + cfg.reportDelayMs,
      seq: ++seq,
      gen: generation,
      message: stored,
      sent: cmTime(receivedAt),
      reports: list,
      index: 0,
      attempt: 0,
    });
  }

  function enqueue(job) {
    heap.push(job);
    if (!timer && !closed) {
      timer = setInterval(pump, tickMs);
      timer.unref();
    }
  }

  function pump() {
    if (closed) return;
    const now = Date.now();
    while (inFlight < reportConcurrency && heap.size > 0 && heap.peek().dueAt <= now) {
      deliver(heap.pop());
    }
    if (heap.size === 0 && inFlight === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  }

  function deliver(job) {
    const cfg = config;
    const report = job.reports[job.index];
    if (!cfg.reportUrl) {
      state.reportsSkipped += 1;
      return next(job);
    }
    const { to, reference } = job.message;
    report.received ??= cmTime(Date.now());
    const request = buildReportRequest(cfg.reportUrl, cfg.reportFormat, { to, reference: reference ?? "", sent: job.sent, ...report });
    inFlight += 1;
    state.reportAttempts += 1;
    let finished = false;
    const done = (ok, why) => {
      if (finished) return;
      finished = true;
      inFlight -= 1;
      if (closed) return;
      if (job.gen === generation) {
        if (ok) {
          state.reportsSent += 1;
          logger?.(`report ${report.code} for ${to}/${reference} -> ${why}`);
          next(job);
        } else {
          state.reportAttemptsFailed += 1;
          job.attempt += 1;
          if (job.attempt < reportMaxAttempts) {
            job.dueAt = Date.now() + reportRetryBaseMs * 2 ** (job.attempt - 1);
            job.seq = ++seq;
            logger?.(`report ${report.code} for ${to}/${reference} failed (${why}); retry ${job.attempt}`);
            enqueue(job);
          } else {
            state.reportsFailed += 1;
            logger?.(`report ${report.code} for ${to}/${reference} failed (${why}); giving up`);
            next(job);
          }
        }
      }
      pump();
    };
    const lib = request.url.protocol === "https:" ? https : http;
    const req = lib.request(
      request.url,
      {
        method: request.method,
        agent: request.url.protocol === "https:" ? httpsAgent : httpAgent,
        headers: request.headers,
        timeout: reportTimeoutMs,
      },
      (res) => {
        res.resume();
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        res.on("end", () => done(ok, `HTTP ${res.statusCode}`));
        res.on("error", (err) => done(false, err.message));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (err) => done(false, err.code ?? err.message));
    req.end(request.body);
  }

  /** Move a job on to its next report (duplicate / out-of-order / intermediate), if any. */
  function next(job) {
    job.index += 1;
    if (job.index >= job.reports.length) return;
    job.attempt = 0;
    job.dueAt = Date.now();
    job.seq = ++seq;
    enqueue(job);
  }

  // ------------------------------------------------------------------ inbound (MO)

  async function inbound(input) {
    if (!isObject(input)) throw new TypeError("inbound: body must be an object");
    const { from, to, text } = input;
    if (typeof from !== "string" || typeof to !== "string" || typeof text !== "string") {
      throw new TypeError("inbound: from, to and text are required strings");
    }
    const target = input.reportUrlOverride ?? input.url ?? config.inboundUrl;
    if (!target || !isUrlOrNull(target)) throw new TypeError("inbound: no inboundUrl configured (or reportUrlOverride given)");
    // Shape of cm-com.md §3 (CM's Postman example); timeUtc is UTC without zone.
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
    const result = await httpCall(new URL(target), {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(payload),
    });
    // CM treats anything but exactly 200 as not delivered (and retries every 5 minutes; this fake
    // makes one attempt and reports the outcome to the caller instead).
    const delivered = result.status === 200;
    if (delivered) state.inboundSent += 1;
    else state.inboundFailed += 1;
    logger?.(`inbound ${from} -> ${to}: ${result.status ?? result.error}`);
    return { delivered, status: result.status ?? null, error: result.error ?? null, response: result.body ?? null, payload };
  }

  function httpCall(url, { method, headers, body }) {
    return new Promise((resolve) => {
      const lib = url.protocol === "https:" ? https : http;
      const req = lib.request(url, { method, headers, timeout: reportTimeoutMs }, (res) => {
        const chunks = [];
        let size = 0;
        res.on("data", (c) => {
          if (size < 65_536) chunks.push(c);
          size += c.length;
        });
        res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8").slice(0, 65_536) }));
        res.on("error", (err) => resolve({ error: err.message }));
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (err) => resolve({ error: err.code ?? err.message }));
      req.end(body);
    });
  }

  // ------------------------------------------------------------------ control API

  function configure(input) {
    const picked = pickConfig(input, { allowUnknown: false });
    config = { ...config, ...picked };
    if (picked.reportUrl !== undefined || picked.reportDelayMs !== undefined) pump();
    return { ...config };
  }

  function reset() {
    state.reset();
    store.clear();
    heap.clear();
    generation += 1;
    config = { ...initialConfig };
  }

  function messages(filter = {}) {
    let list = filter.reference !== undefined ? store.byReference(filter.reference) : store.all();
    if (filter.to !== undefined) list = list.filter((m) => m.to === filter.to);
    return list.slice();
  }

  function snapshot({ includeByReference = true } = {}) {
    const { byReference, ...counters } = state;
    return {
      ...counters,
      reportsPending: heap.size + inFlight,
      reportsInFlight: inFlight,
      storedMessages: store.size,
      ...(includeByReference ? { byReference: Object.fromEntries(byReference) } : {}),
    };
  }

  async function waitForReports({ timeoutMs = 30_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    while (heap.size > 0 || inFlight > 0) {
      if (Date.now() > deadline) throw new Error(`cm-simulator: ${heap.size + inFlight} reports still pending after ${timeoutMs} ms`);
      await sleep(10);
    }
  }

  async function handleControl(req, res, url) {
    const route = `${req.method} ${url.pathname.replace(/\/$/, "")}`;
    switch (route) {
      case "GET /__sim/state":
        return sendJson(res, 200, snapshot({ includeByReference: url.searchParams.get("byReference") !== "0" }));
      case "GET /__sim/config":
        return sendJson(res, 200, { ...config });
      case "POST /__sim/config": {
        let input;
        try {
          input = JSON.parse((await readBody(req)).toString("utf8") || "{}");
          return sendJson(res, 200, configure(input));
        } catch (err) {
          return sendJson(res, 400, { error: err.message });
        }
      }
      case "POST /__sim/reset":
        await readBody(req).catch(() => null);
        reset();
        return sendJson(res, 200, { ok: true });
      case "GET /__sim/messages": {
        const filter = {};
        if (url.searchParams.has("reference")) filter.reference = url.searchParams.get("reference");
        if (url.searchParams.has("to")) filter.to = url.searchParams.get("to");
        let list = messages(filter);
        const limit = Number(url.searchParams.get("limit") ?? 1000);
        const total = list.length;
        if (Number.isInteger(limit) && limit >= 0 && list.length > limit) list = list.slice(list.length - limit); // most recent
        return sendJson(res, 200, { count: total, messages: list });
      }
      case "POST /__sim/inbound": {
        let input;
        try {
          input = JSON.parse((await readBody(req)).toString("utf8"));
        } catch {
          return sendJson(res, 400, { error: "invalid JSON" });
        }
        try {
          return sendJson(res, 200, await inbound(input));
        } catch (err) {
          return sendJson(res, 400, { error: err.message });
        }
      }
      default:
        return sendJson(res, 404, { error: `no control route ${route}` });
    }
  }

  // ------------------------------------------------------------------ HTTP server

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let work;
    if (url.pathname === "/v1.0/message" || url.pathname === "/v1.0/message/") work = handleSend(req, res);
    else if (url.pathname.startsWith("/__sim/")) work = handleControl(req, res, url);
    else {
      req.resume();
      work = Promise.resolve(sendJson(res, 404, { details: "Not found", errorCode: 999, messages: [] }));
    }
    work.catch((err) => {
      logger?.(`internal error: ${err.stack ?? err}`);
      if (!res.headersSent) sendJson(res, 500, { details: TEXT[500], errorCode: 500, messages: [] });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000; // outlive clients' idle timeouts, avoiding reuse-after-close races
  server.headersTimeout = 31_000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  const baseUrl = `http://${urlHost}:${actualPort}`;

  async function close() {
    if (closed) return;
    closed = true;
    if (timer) clearInterval(timer);
    timer = null;
    heap.clear();
    const done = new Promise((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    httpAgent.destroy();
    httpsAgent.destroy();
    await done;
  }

  return {
    url: baseUrl,
    port: actualPort,
    close,
    state,
    configure,
    config: () => ({ ...config }),
    reset,
    messages,
    snapshot,
    inbound,
    waitForReports,
    pendingReports: () => heap.size + inFlight,
  };
}

// ---------------------------------------------------------------------------------------------
// helpers

function tokenAccepted(token, expected) {
  if (typeof token !== "string") return false;
  if (expected) return token.toLowerCase() === expected.toLowerCase();
  return GUID_RE.test(token); // "The token must always include hyphens."
}

function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function reject(to, reference, code, details) {
  return { accept: false, to, reference, code, details };
}

function fail(status, errorCode, details) {
  return { status, body: { details, errorCode, messages: [] } };
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        const err = new Error("Request body too large");
        err.status = 413;
        reject(err);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendJson(res, status, body) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Build one status report request in CM's JSON or XML POST form, or the legacy GET form (cm-com.md §2). */
function buildReportRequest(reportUrl, format, r) {
  const url = new URL(reportUrl);
  if (format === "get") {
    // Legacy query-string form (HitFox/cm-sms parameter names, cm-com.md §2.5).
    const params = {
      sent: r.sent,
      received: r.received,
      to: r.to,
      reference: r.reference,
      statuscode: r.code,
      errorcode: r.errorCode,
      errordescription: r.errorDescription,
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.append(k, v);
    return { url, method: "GET", headers: {}, body: undefined };
  }
  if (format === "xml") {
    // The documented XML template has no OPERATOR element.
    const body =
      `<MESSAGES><MSG RECEIVED="${xmlEscape(r.received)}"><TO>${xmlEscape(r.to)}</TO>` +
      `<REFERENCE>${xmlEscape(r.reference)}</REFERENCE><STATUS><CODE>${xmlEscape(r.code)}</CODE>` +
      `<ERRORCODE>${xmlEscape(r.errorCode)}</ERRORCODE><ERRORDESCRIPTION>${xmlEscape(r.errorDescription)}</ERRORDESCRIPTION>` +
      `</STATUS></MSG></MESSAGES>`;
    return {
      url,
      method: "POST",
      headers: { "content-type": "application/xml; charset=utf-8", "content-length": Buffer.byteLength(body) },
      body,
    };
  }
  // JSON: one report per POST, `msg` is an object, every value a string (cm-com.md §2.2).
  const body = JSON.stringify({
    messages: {
      msg: {
        received: r.received,
        to: r.to,
        reference: r.reference,
        status: { code: r.code, errorCode: r.errorCode, errorDescription: r.errorDescription },
        operator: operatorFor(r.to),
      },
    },
  });
  return {
    url,
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) },
    body,
  };
}
