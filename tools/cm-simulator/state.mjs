// The simulator's one mutable state object, made from the start options, and the validation of the
// runtime config (start options and POST /__sim/config). The other modules take this object as
// their first argument instead of sharing variables in a closure.

import http from "node:http";
import https from "node:https";
import { Counters } from "./counters.mjs";
import { Heap, MessageStore } from "./store.mjs";

/** @import { ReportJob } from "./reports.mjs" */

/** @typedef {"json" | "xml" | "get"} ReportFormat */

/**
 * Settings that can be given at start and changed at runtime (POST /__sim/config, configure()).
 * @typedef {object} CmSimulatorConfig
 * @property {number} [failNextRequests]  answer the next N send requests with `failStatus` (no messages are created)
 * @property {number} [failStatus]  HTTP status for injected failures. Default 503
 * @property {number | null} [failUntil]  epoch ms: until then every send request fails with `failStatus`
 * @property {boolean} [rejectAll]  reject every message (messageErrorCode 403); the request gets 400/errorCode 201
 * @property {boolean} [authFailure]  answer every send request with 400/errorCode 101, whatever the token
 * @property {number} [delayMs]  answer send requests this many ms late (messages are created before the wait)
 * @property {boolean} [hangRequests]  never answer send requests (the client must time out)
 * @property {boolean} [duplicateReports]  send every delivery report twice
 * @property {boolean} [outOfOrderReports]  send the final report first, then an earlier "accepted" (code 0) report
 * @property {boolean} [intermediateReports]  send an "accepted" (code 0) report before the final one
 * @property {number} [reportDelayMs]  delay between acceptance and the (first) delivery report. Default 200
 * @property {string | null} [reportUrl]  where delivery reports go; null/absent: no reports
 * @property {ReportFormat} [reportFormat]  default "json"
 * @property {string | null} [inboundUrl]  where POST /__sim/inbound delivers MO messages
 * @property {string | null} [productToken]  if set, only this product token is accepted; otherwise any GUID-shaped token
 */

/** @typedef {Required<CmSimulatorConfig>} Config  a complete config, as config() and GET /__sim/config return it */

/**
 * Start options that cannot change at runtime.
 * @typedef {object} ServerOptions
 * @property {string} [host]  default "127.0.0.1"
 * @property {number} [port]  default 0 (any free port)
 * @property {boolean | ((line: string) => void)} [log]  true: log lines to stdout; or a function receiving each line. Default false
 * @property {number} [maxStoredMessages]  accepted messages kept for messages()/GET /__sim/messages. Default 200000
 * @property {number} [reportConcurrency]  report requests in flight at once. Default 20
 * @property {number} [reportMaxAttempts]  attempts per report before giving up. Default 5
 * @property {number} [reportRetryBaseMs]  first retry delay; doubles per attempt. Default 250
 * @property {number} [reportTimeoutMs]  per-attempt timeout for reports and inbound posts. Default 10000
 * @property {number} [tickMs]  report scheduler tick. Default 50
 */

/** @typedef {CmSimulatorConfig & ServerOptions} CmSimulatorOptions  what startCmSimulator() takes */

/** @typedef {Required<Omit<ServerOptions, "log">>} Settings  the fixed start options, defaults filled in */

/**
 * Everything a running simulator keeps; one per startCmSimulator() call.
 * @typedef {object} SimState
 * @property {Readonly<Settings>} settings
 * @property {Readonly<Config>} initialConfig  the start config, restored by reset()
 * @property {Config} config  the live config. configure() and reset() replace the object; a send request
 *   keeps the one that was current when its body had arrived
 * @property {((line: string) => void) | null} logger
 * @property {Counters} counters  exposed as `handle.state`
 * @property {MessageStore} store  accepted messages
 * @property {Heap<ReportJob>} heap  reports waiting to fall due
 * @property {http.Agent} httpAgent  keep-alive agents for reports, reportConcurrency sockets each
 * @property {https.Agent} httpsAgent
 * @property {number} inFlight  report requests under way
 * @property {number} seq  last sequence number handed to a report job (heap tie-breaker)
 * @property {number} generation  bumped by reset(): completions of older reports no longer count
 * @property {NodeJS.Timeout | null} timer  the scheduler tick, running while reports are pending
 * @property {boolean} closed
 * @property {number} messageId  id of the last accepted message
 * @property {Set<string>} failedOnce  recipients of a firstOnly magic number whose first message failed
 */

const REPORT_FORMATS = new Set(["json", "xml", "get"]);

/** @type {Record<string, (v: unknown) => boolean>} the config keys with their validators */
const CONFIG_KEYS = {
  failNextRequests: intAtLeast(0),
  failStatus: (v) => typeof v === "number" && Number.isInteger(v) && v >= 100 && v <= 599,
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
  reportFormat: (v) => typeof v === "string" && REPORT_FORMATS.has(v),
  inboundUrl: isUrlOrNull,
  productToken: (v) => v === null || (typeof v === "string" && v.length > 0),
};

/** @type {Readonly<Config>} */
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

/** @param {unknown} v */
function isBool(v) {
  return typeof v === "boolean";
}
/** @param {number} min */
function intAtLeast(min) {
  return (/** @type {unknown} */ v) => typeof v === "number" && Number.isInteger(v) && v >= min;
}
/**
 * null, or an absolute http(s) URL.
 * @param {unknown} v
 */
export function isUrlOrNull(v) {
  if (v === null) return true;
  if (typeof v !== "string") return false;
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Validate and pick config keys from `input` (undefined values are skipped); throws a TypeError naming the bad key.
 * @param {unknown} input  an options object, or a parsed POST /__sim/config body
 * @param {{ allowUnknown: boolean }} how  allowUnknown: skip other keys instead of throwing
 * @returns {Partial<Config>}
 */
export function pickConfig(input, { allowUnknown }) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    if (!Object.hasOwn(CONFIG_KEYS, key)) {
      if (allowUnknown) continue;
      throw new TypeError(`unknown config key "${key}"`);
    }
    if (value === undefined) continue;
    if (!CONFIG_KEYS[key](value)) throw new TypeError(`invalid value for "${key}": ${JSON.stringify(value)}`);
    out[key] = value;
  }
  return out;
}

/**
 * Make the state of a new simulator. Throws a TypeError for an invalid config key in `options`.
 * @param {CmSimulatorOptions} options
 * @returns {SimState}
 */
export function createState(options) {
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
  const logger = typeof log === "function" ? log : log ? (/** @type {string} */ line) => console.log(`[cm-sim] ${line}`) : null;
  return {
    settings: { host, port, maxStoredMessages, reportConcurrency, reportMaxAttempts, reportRetryBaseMs, reportTimeoutMs, tickMs },
    initialConfig,
    config: { ...initialConfig },
    logger,
    counters: new Counters(),
    store: new MessageStore(maxStoredMessages),
    heap: new Heap(),
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: reportConcurrency }),
    httpsAgent: new https.Agent({ keepAlive: true, maxSockets: reportConcurrency }),
    inFlight: 0,
    seq: 0,
    generation: 0,
    timer: null,
    closed: false,
    messageId: 0,
    failedOnce: new Set(),
  };
}
