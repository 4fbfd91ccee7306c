// Wire formats of delivery reports (README.md, "Delivery reports"): one report per request, as a JSON
// or XML POST or as the legacy GET with query parameters, plus CM's timestamp format.

/** @import { OutgoingHttpHeaders } from "node:http" */

/**
 * The values of one report; every one is a string on the wire.
 * @typedef {object} ReportFields
 * @property {string} to
 * @property {string} reference  "" for a message without reference
 * @property {string} sent  CM time of acceptance (only in the GET form)
 * @property {string} received  CM time of the report
 * @property {string} code  status code: "0" accepted, "1" rejected, "2" delivered, "3" failed
 * @property {string} errorCode
 * @property {string} errorDescription
 */

/**
 * @typedef {object} ReportRequest
 * @property {URL} url
 * @property {"GET" | "POST"} method
 * @property {OutgoingHttpHeaders} headers
 * @property {string | undefined} body
 */

/**
 * CM's `received`/`sent` format: ISO-8601 without zone, to the second. This fake uses UTC.
 * @param {number} ms  epoch ms
 */
export function cmTime(ms) {
  return new Date(ms).toISOString().slice(0, 19);
}

/** @param {unknown} s */
function xmlEscape(s) {
  return String(s).replace(
    /[<>&"']/g,
    (c) => /** @type {Record<string, string>} */ ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c],
  );
}

/**
 * [INF] the `operator` value: CM's format for it is unverified; MCC+MNC is the likeliest shape.
 * @param {string} number  the recipient, 00<country code><number>
 */
function operatorFor(number) {
  if (number.startsWith("0031")) return "20408";
  if (number.startsWith("0032")) return "20610";
  if (number.startsWith("0049")) return "26201";
  if (number.startsWith("0044")) return "23410";
  return "";
}

/**
 * Build one status report request in CM's JSON or XML POST form, or the legacy GET form.
 * @param {string} reportUrl
 * @param {string} format  "json" | "xml" | "get"; anything else is taken as "json"
 * @param {ReportFields} r
 * @returns {ReportRequest}
 */
export function buildReportRequest(reportUrl, format, r) {
  const url = new URL(reportUrl);
  if (format === "get") {
    // Legacy query-string form (the parameter names of the HitFox/cm-sms client); the URL's own query is kept.
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
  // JSON: one report per POST, `msg` is an object (not an array), every value a string.
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
