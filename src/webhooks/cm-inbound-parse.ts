/**
 * Reads a CM.com inbound (MO) message: the JSON POST
 * `{from:{number}, to:{number}, message:{text}, reference, timeUtc}`, and, tolerated, the older
 * GET/form query string with `from`, `to`, `message`|`text`|`body`, `reference`.
 */
import { field, MalformedBody, scalar } from "./malformed-body";

/** An inbound SMS as CM reported it (numbers not yet normalised). */
export interface InboundSms {
  from: string;
  to: string;
  text: string;
  reference: string | null;
}

const MAX_TEXT = 10_000;

/** The inbound message in a body (JSON/form) or query string; throws MalformedBody. */
export function parseInbound(bodyText: string, query: URLSearchParams, contentType: string): InboundSms {
  const text = bodyText.trim();
  if (text === "") return fromParams(query);
  if (text.startsWith("{")) return fromJson(text);
  if (contentType.includes("application/x-www-form-urlencoded")) return fromParams(new URLSearchParams(text));
  throw new MalformedBody("unrecognised inbound format");
}

function fromJson(text: string): InboundSms {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    throw new MalformedBody("invalid JSON");
  }
  const number = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : scalar(field(v, "number")));
  const message = field(root, "message");
  return check({
    from: number(field(root, "from")),
    to: number(field(root, "to")),
    text: typeof message === "string" ? message : scalar(field(message, "text")),
    reference: scalar(field(root, "reference")) || null,
  });
}

function fromParams(params: URLSearchParams): InboundSms {
  const get = (...names: string[]) => {
    for (const [key, value] of params) if (names.includes(key.toLowerCase())) return value;
    return "";
  };
  return check({
    from: get("from", "sender"),
    to: get("to", "recipient"),
    text: get("message", "text", "body"),
    reference: get("reference") || null,
  });
}

function check(sms: InboundSms): InboundSms {
  if (!/^\+?\d{3,20}$/.test(sms.from.trim())) throw new MalformedBody("from.number is missing or not a number");
  if (!/^\+?\d{3,20}$/.test(sms.to.trim())) throw new MalformedBody("to.number is missing or not a number");
  if (sms.text.length > MAX_TEXT) throw new MalformedBody("message text too long");
  if (sms.reference !== null && sms.reference.length > 200) throw new MalformedBody("reference too long");
  return { ...sms, from: sms.from.trim(), to: sms.to.trim() };
}
