// The control API (README.md, "Control API"): config, reset, stored messages, counters, inbound,
// both as the /__sim/* routes and as the functions behind the handle's methods.

import { readBody, sendJson, sleep } from "./http.mjs";
import { inbound } from "./inbound.mjs";
import { pump } from "./reports.mjs";
import { pickConfig } from "./state.mjs";

/** @import { IncomingMessage, ServerResponse } from "node:http" */
/** @import { Config, SimState } from "./state.mjs" */
/** @import { Counters } from "./counters.mjs" */
/** @import { StoredMessage } from "./store.mjs" */

/** @typedef {{ reference?: string, to?: string }} MessageFilter */

/**
 * The GET /__sim/state body: the counters (byReference as a plain object) plus these fields.
 * @typedef {Omit<Counters, "byReference" | "reset" | "countReference"> & {
 *   reportsPending: number, reportsInFlight: number, storedMessages: number, byReference?: Record<string, number>
 * }} Snapshot
 */

/**
 * Merge validated keys into the config; throws a TypeError for an unknown key or a bad value.
 * @param {SimState} s
 * @param {unknown} input
 * @returns {Config} a copy of the whole new config
 */
export function configure(s, input) {
  const picked = pickConfig(input, { allowUnknown: false });
  s.config = { ...s.config, ...picked };
  if (picked.reportUrl !== undefined || picked.reportDelayMs !== undefined) pump(s);
  return { ...s.config };
}

/**
 * Clear counters, stored messages and pending reports; back to the start config.
 * @param {SimState} s
 */
export function reset(s) {
  s.counters.reset();
  s.store.clear();
  s.heap.clear();
  s.failedOnce.clear();
  s.generation += 1;
  s.config = { ...s.initialConfig };
}

/**
 * @param {SimState} s
 * @param {MessageFilter} [filter]
 * @returns {StoredMessage[]} oldest first
 */
export function messages(s, filter = {}) {
  let list = filter.reference !== undefined ? s.store.byReference(filter.reference) : s.store.all();
  if (filter.to !== undefined) list = list.filter((m) => m.to === filter.to);
  return list.slice();
}

/**
 * @param {SimState} s
 * @param {{ includeByReference?: boolean }} [options]
 * @returns {Snapshot}
 */
export function snapshot(s, { includeByReference = true } = {}) {
  const { byReference, ...counters } = s.counters;
  return {
    ...counters,
    reportsPending: s.heap.size + s.inFlight,
    reportsInFlight: s.inFlight,
    storedMessages: s.store.size,
    ...(includeByReference ? { byReference: Object.fromEntries(byReference) } : {}),
  };
}

/**
 * Resolve when no reports are queued or in flight; reject after `timeoutMs`.
 * @param {SimState} s
 * @param {{ timeoutMs?: number }} [options]
 */
export async function waitForReports(s, { timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (s.heap.size > 0 || s.inFlight > 0) {
    if (Date.now() > deadline) throw new Error(`cm-simulator: ${s.heap.size + s.inFlight} reports still pending after ${timeoutMs} ms`);
    await sleep(10);
  }
}

/**
 * Route a /__sim/* request.
 * @param {SimState} s
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {URL} url
 */
export async function handleControl(s, req, res, url) {
  const route = `${req.method} ${url.pathname.replace(/\/$/, "")}`;
  switch (route) {
    case "GET /__sim/state":
      return sendJson(res, 200, snapshot(s, { includeByReference: url.searchParams.get("byReference") !== "0" }));
    case "GET /__sim/config":
      return sendJson(res, 200, { ...s.config });
    case "POST /__sim/config": {
      let input;
      try {
        input = JSON.parse((await readBody(req)).toString("utf8") || "{}");
        return sendJson(res, 200, configure(s, input));
      } catch (err) {
        return sendJson(res, 400, { error: /** @type {Error} */ (err).message });
      }
    }
    case "POST /__sim/reset":
      await readBody(req).catch(() => null);
      reset(s);
      return sendJson(res, 200, { ok: true });
    case "GET /__sim/messages": {
      /** @type {MessageFilter} */
      const filter = {};
      if (url.searchParams.has("reference")) filter.reference = /** @type {string} */ (url.searchParams.get("reference"));
      if (url.searchParams.has("to")) filter.to = /** @type {string} */ (url.searchParams.get("to"));
      let list = messages(s, filter);
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
        return sendJson(res, 200, await inbound(s, input));
      } catch (err) {
        return sendJson(res, 400, { error: /** @type {Error} */ (err).message });
      }
    }
    default:
      return sendJson(res, 404, { error: `no control route ${route}` });
  }
}
