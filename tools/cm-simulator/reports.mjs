// Delivery reports: which reports a message gets (magic numbers, report modes), their schedule
// (a heap drained by one timer) and their delivery with retries (README.md, "Delivery reports").

import http from "node:http";
import https from "node:https";
import { buildReportRequest, cmTime } from "./report-format.mjs";

/** @import { Config, SimState } from "./state.mjs" */
/** @import { StoredMessage } from "./store.mjs" */

/**
 * The final outcome of a message.
 * @typedef {object} Outcome
 * @property {string} code
 * @property {string} errorCode
 * @property {string} errorDescription
 * @property {boolean} [stuck]  only an intermediate "accepted" report, never a final one
 * @property {boolean} [firstOnly]  only the first message to the recipient gets this outcome; later ones are delivered
 */

/**
 * One report of a message.
 * @typedef {object} Report
 * @property {string} code
 * @property {string} errorCode
 * @property {string} errorDescription
 * @property {string | null} received  stamped when first sent, then kept for retries and duplicates
 */

/**
 * The reports of one message, sent one after another (the next is scheduled when the previous is done).
 * @typedef {object} ReportJob
 * @property {number} dueAt  epoch ms when the current report falls due
 * @property {number} seq  heap tie-breaker, renewed whenever the job is queued again
 * @property {number} gen  the state's generation when it was scheduled
 * @property {StoredMessage} message
 * @property {string} sent  CM time of acceptance
 * @property {Report[]} reports
 * @property {number} index  the report being sent
 * @property {number} attempt  failed attempts of the current report
 */

/**
 * Delivery-report outcomes, chosen by the last four digits of the recipient number.
 * @type {Readonly<Record<string, Readonly<Outcome>>>}
 */
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
  // Extra: the first message to the recipient fails temporarily, later ones are delivered (a second
  // attempt that succeeds). Which recipients had their first message is kept in the state (failedOnce).
  "0006": {
    code: "3",
    errorCode: "7",
    errorDescription: "Message not delivered at operator because recipient has insufficient credit",
    firstOnly: true,
  },
});
/** @type {Readonly<Outcome>} */
const DELIVERED = Object.freeze({ code: "2", errorCode: "", errorDescription: "" });
const ACCEPTED = Object.freeze({ code: "0", errorCode: "", errorDescription: "" });

/**
 * Queue the reports of a message just accepted, if a reportUrl is configured.
 * @param {SimState} s
 * @param {StoredMessage} stored
 * @param {number} receivedAt  epoch ms of acceptance
 * @param {Config} cfg  the config the send request is handled with
 */
export function scheduleReports(s, stored, receivedAt, cfg) {
  if (!cfg.reportUrl) return; // no webhook configured (as with a CM account without one)
  const outcome = outcomeFor(s, stored.to);
  // `received` of the final report is stamped when it is first sent (kept for retries and duplicates).
  // In out-of-order mode the late "accepted" report is stamped one second before acceptance, so it
  // is strictly older than the final one at CM's one-second resolution.
  const accepted = { ...ACCEPTED, received: cmTime(cfg.outOfOrderReports ? receivedAt - 1000 : receivedAt) };
  /** @type {Report} */
  const final = { code: outcome.code, errorCode: outcome.errorCode, errorDescription: outcome.errorDescription, received: null };
  /** @type {Report[]} */
  let list;
  if (outcome.stuck) list = [accepted];
  else if (cfg.outOfOrderReports) list = [final, accepted];
  else if (cfg.intermediateReports) list = [accepted, final];
  else list = [final];
  if (cfg.duplicateReports) list = list.flatMap((r) => [r, r]);
  // Reports of one message are chained: the next is scheduled when the previous one is done,
  // so their order at the receiver is exactly `list`.
  enqueue(s, {
    dueAt: receivedAt + cfg.reportDelayMs,
    seq: ++s.seq,
    gen: s.generation,
    message: stored,
    sent: cmTime(receivedAt),
    reports: list,
    index: 0,
    attempt: 0,
  });
}

/**
 * The outcome of a message to `to`: its magic number's, or delivered. A `firstOnly` outcome applies
 * once per recipient (remembered in s.failedOnce until reset).
 * @param {SimState} s
 * @param {string} to
 * @returns {Readonly<Outcome>}
 */
function outcomeFor(s, to) {
  const outcome = MAGIC_NUMBERS[to.slice(-4)] ?? DELIVERED;
  if (!outcome.firstOnly) return outcome;
  if (s.failedOnce.has(to)) return DELIVERED;
  s.failedOnce.add(to);
  return outcome;
}

/**
 * Put a job on the schedule and start the scheduler tick if it is not running.
 * @param {SimState} s
 * @param {ReportJob} job
 */
function enqueue(s, job) {
  s.heap.push(job);
  if (!s.timer && !s.closed) {
    s.timer = setInterval(() => pump(s), s.settings.tickMs);
    s.timer.unref();
  }
}

/**
 * Start every report that is due, up to reportConcurrency in flight; stop the tick when nothing is left.
 * @param {SimState} s
 */
export function pump(s) {
  if (s.closed) return;
  const now = Date.now();
  while (s.inFlight < s.settings.reportConcurrency && s.heap.size > 0 && s.heap.peek().dueAt <= now) {
    deliver(s, s.heap.pop());
  }
  if (s.heap.size === 0 && s.inFlight === 0 && s.timer) {
    clearInterval(s.timer);
    s.timer = null;
  }
}

/**
 * Send the job's current report to the reportUrl configured now; on failure retry with backoff.
 * @param {SimState} s
 * @param {ReportJob} job
 */
function deliver(s, job) {
  const cfg = s.config;
  const report = job.reports[job.index];
  if (!cfg.reportUrl) {
    s.counters.reportsSkipped += 1;
    return next(s, job);
  }
  const { to, reference } = job.message;
  report.received ??= cmTime(Date.now());
  const request = buildReportRequest(cfg.reportUrl, cfg.reportFormat, {
    to,
    reference: reference ?? "",
    sent: job.sent,
    ...report,
    received: report.received,
  });
  s.inFlight += 1;
  s.counters.reportAttempts += 1;
  let finished = false;
  /** @type {(ok: boolean, why: string) => void} */
  const done = (ok, why) => {
    if (finished) return;
    finished = true;
    s.inFlight -= 1;
    if (s.closed) return;
    if (job.gen === s.generation) {
      if (ok) {
        s.counters.reportsSent += 1;
        s.logger?.(`report ${report.code} for ${to}/${reference} -> ${why}`);
        next(s, job);
      } else {
        s.counters.reportAttemptsFailed += 1;
        job.attempt += 1;
        if (job.attempt < s.settings.reportMaxAttempts) {
          job.dueAt = Date.now() + s.settings.reportRetryBaseMs * 2 ** (job.attempt - 1);
          job.seq = ++s.seq;
          s.logger?.(`report ${report.code} for ${to}/${reference} failed (${why}); retry ${job.attempt}`);
          enqueue(s, job);
        } else {
          s.counters.reportsFailed += 1;
          s.logger?.(`report ${report.code} for ${to}/${reference} failed (${why}); giving up`);
          next(s, job);
        }
      }
    }
    pump(s);
  };
  const lib = request.url.protocol === "https:" ? https : http;
  const req = lib.request(
    request.url,
    {
      method: request.method,
      agent: request.url.protocol === "https:" ? s.httpsAgent : s.httpAgent,
      headers: request.headers,
      timeout: s.settings.reportTimeoutMs,
    },
    (res) => {
      res.resume();
      const ok = res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300;
      res.on("end", () => done(ok, `HTTP ${res.statusCode}`));
      res.on("error", (err) => done(false, err.message));
    },
  );
  req.on("timeout", () => req.destroy(new Error("timeout")));
  req.on("error", (/** @type {NodeJS.ErrnoException} */ err) => done(false, err.code ?? err.message));
  req.end(request.body);
}

/**
 * Move a job on to its next report (duplicate / out-of-order / intermediate), if any.
 * @param {SimState} s
 * @param {ReportJob} job
 */
function next(s, job) {
  job.index += 1;
  if (job.index >= job.reports.length) return;
  job.attempt = 0;
  job.dueAt = Date.now();
  job.seq = ++s.seq;
  enqueue(s, job);
}
