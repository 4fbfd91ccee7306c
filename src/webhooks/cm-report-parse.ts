/**
 * Reads CM.com delivery reports in every form CM uses: JSON POST (`messages.msg`
 * is one object; an array is tolerated), XML POST, and the legacy GET/form query string
 * (`reference`, `statuscode`/`status`, `errorcode`, `errordescription`, any case).
 * Returns the reports or throws MalformedBody; it never touches storage.
 */
import type { CmStatusReport } from "../providers/sms/cm-types";
import { field, MalformedBody, scalar } from "./malformed-body";
import { xmlAttribute, xmlElement, xmlRecords, xmlText } from "./xml";

const MAX_REPORTS = 100;
const MAX_FIELD = 500;

/** The reports in a request body (POST) or query string (GET, or a POST with an empty body). */
export function parseStatusReports(bodyText: string, query: URLSearchParams, contentType: string): CmStatusReport[] {
  const text = bodyText.trim();
  if (text === "") return [fromParams(query)];
  if (text.startsWith("<")) return fromXml(text);
  if (text.startsWith("{") || text.startsWith("[")) return fromJson(text);
  if (contentType.includes("application/x-www-form-urlencoded")) return [fromParams(new URLSearchParams(text))];
  throw new MalformedBody("unrecognised report format");
}

function fromJson(text: string): CmStatusReport[] {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    throw new MalformedBody("invalid JSON");
  }
  const msg = field(field(root, "messages"), "msg");
  const list = Array.isArray(msg) ? msg : [msg];
  if (list.length === 0 || list.length > MAX_REPORTS) throw new MalformedBody("expected messages.msg");
  return list.map((m) => {
    const status = field(m, "status");
    return report({
      reference: scalar(field(m, "reference")),
      code: scalar(field(status, "code")),
      errorCode: scalar(field(status, "errorCode")),
      errorDescription: scalar(field(status, "errorDescription")),
      received: scalar(field(m, "received")),
    });
  });
}

function fromXml(text: string): CmStatusReport[] {
  return xmlRecords(text, "MESSAGES", "MSG").map(({ attributes, inner }) => {
    const status = xmlElement(inner, "STATUS");
    return report({
      reference: xmlText(inner, "REFERENCE"),
      code: xmlText(status, "CODE"),
      errorCode: xmlText(status, "ERRORCODE"),
      errorDescription: xmlText(status, "ERRORDESCRIPTION"),
      received: xmlAttribute(attributes, "RECEIVED"),
    });
  });
}

function fromParams(params: URLSearchParams): CmStatusReport {
  const get = (...names: string[]) => {
    for (const [key, value] of params) if (names.includes(key.toLowerCase())) return value;
    return "";
  };
  return report({
    reference: get("reference"),
    code: get("statuscode", "status", "code"),
    errorCode: get("errorcode"),
    errorDescription: get("errordescription"),
    received: get("received"),
  });
}

/** Checks the fields every report needs: a reference and a numeric status code. */
function report(r: CmStatusReport): CmStatusReport {
  if (!r.reference) throw new MalformedBody("reference is missing");
  if (!/^\d{1,3}$/.test(r.code.trim())) throw new MalformedBody("status code is missing or not a number");
  if ([r.reference, r.errorCode, r.errorDescription, r.received ?? ""].some((v) => v.length > MAX_FIELD)) {
    throw new MalformedBody("field too long");
  }
  return r;
}
