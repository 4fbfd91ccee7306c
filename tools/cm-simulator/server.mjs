// A local fake of CM.com's Business Messaging gateway (SMS), for tests, `npm start -- --cm-simulator`
// and benchmarks. Plain Node.js ESM, built-in modules only.
//
// It follows CM's public documentation of:
//   POST /v1.0/message: auth, validation, per-recipient results, response envelope and error codes (send.mjs, validate.mjs)
//   delivery reports POSTed as JSON or XML, or sent as a legacy GET, with retries (reports.mjs, report-format.mjs)
//   inbound (MO) messages, triggered through the control API (inbound.mjs, control.mjs)
// Where CM's behaviour is undocumented, comments name the choice this fake makes ([INF]: inferred).
//
// This file only composes the modules: it starts the HTTP server, routes requests and builds the handle.
// See README.md next to this file for options, magic numbers and the control API.

import http from "node:http";
import { configure, handleControl, messages, reset, snapshot, waitForReports } from "./control.mjs";
import { sendJson } from "./http.mjs";
import { inbound } from "./inbound.mjs";
import { handleSend } from "./send.mjs";
import { createState } from "./state.mjs";
import { TEXT } from "./validate.mjs";

export { MAGIC_NUMBERS } from "./reports.mjs";

/** @import { MessageFilter, Snapshot } from "./control.mjs" */
/** @import { InboundInput, InboundResult } from "./inbound.mjs" */
/** @import { CmSimulatorConfig, CmSimulatorOptions, Config } from "./state.mjs" */
/** @import { Counters } from "./counters.mjs" */
/** @import { StoredMessage } from "./store.mjs" */

/**
 * A running simulator, as startCmSimulator() resolves it.
 * @typedef {object} CmSimulator
 * @property {string} url  e.g. "http://127.0.0.1:8788"; send to `${url}/v1.0/message`
 * @property {number} port
 * @property {() => Promise<void>} close  stops the server, dropping hung connections and pending reports
 * @property {Counters} state  the live counters (same fields as GET /__sim/state; byReference is a Map)
 * @property {(config: CmSimulatorConfig) => Config} configure  as POST /__sim/config; throws a TypeError for a bad key
 * @property {() => Config} config  as GET /__sim/config
 * @property {() => void} reset  as POST /__sim/reset
 * @property {(filter?: MessageFilter) => StoredMessage[]} messages
 * @property {(options?: { includeByReference?: boolean }) => Snapshot} snapshot  the GET /__sim/state body
 * @property {(input: InboundInput) => Promise<InboundResult>} inbound  as POST /__sim/inbound
 * @property {(options?: { timeoutMs?: number }) => Promise<void>} waitForReports  until no report is queued or in flight
 * @property {() => number} pendingReports  reports queued or in flight
 */

/**
 * Start the CM.com fake.
 * @param {CmSimulatorOptions} [options]  see README.md
 * @returns {Promise<CmSimulator>}
 */
export async function startCmSimulator(options = {}) {
  const s = createState(options);
  const { host, port } = s.settings;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let work;
    if (url.pathname === "/v1.0/message" || url.pathname === "/v1.0/message/") work = handleSend(s, req, res);
    else if (url.pathname.startsWith("/__sim/")) work = handleControl(s, req, res, url);
    else {
      req.resume();
      work = Promise.resolve(sendJson(res, 404, { details: "Not found", errorCode: 999, messages: [] }));
    }
    work.catch((err) => {
      s.logger?.(`internal error: ${err.stack ?? err}`);
      if (!res.headersSent) sendJson(res, 500, { details: TEXT[500], errorCode: 500, messages: [] });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000; // outlive clients' idle timeouts, avoiding reuse-after-close races
  server.headersTimeout = 31_000;

  await /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    })
  );
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;

  async function close() {
    if (s.closed) return;
    s.closed = true;
    if (s.timer) clearInterval(s.timer);
    s.timer = null;
    s.heap.clear();
    const done = /** @type {Promise<void>} */ (new Promise((resolve) => server.close(() => resolve())));
    server.closeAllConnections();
    s.httpAgent.destroy();
    s.httpsAgent.destroy();
    await done;
  }

  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    close,
    state: s.counters,
    configure: (config) => configure(s, config),
    config: () => ({ ...s.config }),
    reset: () => reset(s),
    messages: (filter) => messages(s, filter),
    snapshot: (opts) => snapshot(s, opts),
    inbound: (input) => inbound(s, input),
    waitForReports: (opts) => waitForReports(s, opts),
    pendingReports: () => s.heap.size + s.inFlight,
  };
}
