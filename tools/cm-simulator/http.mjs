// HTTP and JSON helpers shared by the endpoints: reading request bodies, JSON answers, and one
// outbound request whose (bounded) answer is returned to the caller, used for inbound (MO) posts.

import http from "node:http";
import https from "node:https";

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const MAX_ANSWER = 65_536; // an outbound call's answer: bytes buffered, then characters kept

/** @typedef {Error & { status?: number }} HttpError  an Error carrying the HTTP status to answer with */

/**
 * @typedef {object} HttpCallResult  what an outbound call got; `error` instead of `status` on network errors
 * @property {number} [status]
 * @property {string} [body]  the first 65,536 characters of the answer
 * @property {string} [error]  a Node error code (e.g. "ECONNREFUSED"), "timeout" or an error message
 */

/**
 * Read a whole request body. Past 64 MiB it rejects with an HttpError of status 413 and destroys the request.
 * @param {http.IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on("data", (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        const err = /** @type {HttpError} */ (new Error("Request body too large"));
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

/**
 * Answer with a JSON body, unless an answer was already started or the connection is gone.
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
export function sendJson(res, status, body) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * A plain JSON object (not null, not an array).
 * @param {unknown} v
 * @returns {v is Record<string, any>}
 */
export function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One outbound request (no keep-alive agent, no retry). Never rejects: failures come back as `error`.
 * @param {URL} url
 * @param {{ method: string, headers: http.OutgoingHttpHeaders, body?: string }} request
 * @param {number} timeoutMs  per-request socket timeout
 * @returns {Promise<HttpCallResult>}
 */
export function httpCall(url, { method, headers, body }, timeoutMs) {
  return new Promise((resolve) => {
    const lib = url.protocol === "https:" ? https : http;
    const req = lib.request(url, { method, headers, timeout: timeoutMs }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let size = 0;
      res.on("data", (/** @type {Buffer} */ c) => {
        if (size < MAX_ANSWER) chunks.push(c);
        size += c.length;
      });
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8").slice(0, MAX_ANSWER) }));
      res.on("error", (err) => resolve({ error: err.message }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (/** @type {NodeJS.ErrnoException} */ err) => resolve({ error: err.code ?? err.message }));
    req.end(body);
  });
}
