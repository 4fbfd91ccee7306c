/**
 * Classifies CM.com's answer to a send request into one outcome per message.
 * CM's HTTP status is not a reliable summary (partial success is 200 + errorCode 201, total
 * rejection is 400), so the per-message entries decide whenever they are present.
 *
 * | answer                                            | outcome                                              |
 * |---------------------------------------------------|------------------------------------------------------|
 * | network error, timeout, HTTP 5xx, HTTP 429        | retry (nothing was accepted, as far as we know)      |
 * | HTTP 401/403, errorCode 101/103 (auth)            | retry + log.error: a bad token must be fixed, not burn messages |
 * | errorCode 102 (insufficient balance)              | retry + log.error                                    |
 * | errorCode 202/203 (malformed request)             | failed (technical-failure): our bug, retrying repeats it |
 * | entry "Accepted"                                  | accepted → sending, fragments = entry.parts          |
 * | entry "Rejected", messageErrorCode 500/999/102    | retry that message                                   |
 * | entry "Rejected", any other code                  | rejected → permanent-failure                         |
 * | 2xx, errorCode 0, our message missing from list   | accepted (CM says all were created)                  |
 * | otherwise no entry / unparseable 2xx body         | failed: CM may have sent it, so never send it twice  |
 */
import { errorFields, log } from "../../lib/log";
import type { SendOutcome, SendResult } from "../outcome";
import { CM_ERROR_TEXT, type CmResponse, type CmResponseMessage, cmReference } from "./cm-types";
import { countSmsParts } from "./fragments";
import type { SmsMessage } from "./sms-provider";

const PROVIDER = "cm";
const AUTH_CODES = new Set([101, 103]);
const MALFORMED_CODES = new Set([202, 203]);
const TRANSIENT_MESSAGE_CODES = new Set([102, 500, 999]);

/** One outcome per message for a whole-request failure that never reached CM's message handling. */
export function transientOutcomes(messages: readonly SmsMessage[], reason: string, error?: unknown): SendResult {
  log.warn("cm_send_transient", { reason, messages: messages.length, ...(error ? errorFields(error) : {}) });
  return { outcomes: messages.map((m) => ({ kind: "retry", notificationId: m.notificationId, reason })), receipts: [] };
}

/** Maps HTTP status + parsed body (null when it was not JSON) to outcomes. */
export function classifyCmResponse(httpStatus: number, body: CmResponse | null, messages: readonly SmsMessage[]): SendResult {
  const errorCode = typeof body?.errorCode === "number" ? body.errorCode : null;
  const entries = Array.isArray(body?.messages) ? body.messages : [];
  const all = (make: (m: SmsMessage) => SendOutcome): SendResult => ({ outcomes: messages.map(make), receipts: [] });

  if (httpStatus === 401 || httpStatus === 403 || (errorCode !== null && AUTH_CODES.has(errorCode))) {
    // Loud: every message waits (and finally dead-letters to technical-failure) until the token is fixed.
    log.error("cm_auth_failed", { http_status: httpStatus, cm_error_code: errorCode, messages: messages.length });
    return all((m) => ({ kind: "retry", notificationId: m.notificationId, reason: "cm_auth_failed" }));
  }
  if (errorCode === 102) {
    log.error("cm_insufficient_balance", { http_status: httpStatus, messages: messages.length });
    return all((m) => ({ kind: "retry", notificationId: m.notificationId, reason: "cm_insufficient_balance" }));
  }
  if (httpStatus >= 500 || httpStatus === 429) return transientOutcomes(messages, `cm_http_${httpStatus}`);
  if (body === null) {
    if (httpStatus >= 200 && httpStatus < 300) {
      log.error("cm_unreadable_response", { http_status: httpStatus, messages: messages.length });
      return all((m) => ({ kind: "failed", notificationId: m.notificationId, reason: "cm_unreadable_response" }));
    }
    return transientOutcomes(messages, `cm_http_${httpStatus}`);
  }
  if (errorCode !== null && MALFORMED_CODES.has(errorCode)) {
    log.error("cm_request_malformed", { http_status: httpStatus, cm_error_code: errorCode, messages: messages.length });
    return all((m) => ({ kind: "failed", notificationId: m.notificationId, reason: `cm_${errorCode}` }));
  }
  if (entries.length === 0 && errorCode !== null && TRANSIENT_MESSAGE_CODES.has(errorCode)) {
    return transientOutcomes(messages, `cm_error_${errorCode}`);
  }

  const byReference = new Map<string, CmResponseMessage>();
  for (const entry of entries) {
    if (entry && typeof entry.reference === "string" && !byReference.has(entry.reference)) byReference.set(entry.reference, entry);
  }
  const allCreated = httpStatus >= 200 && httpStatus < 300 && errorCode === 0;
  const outcomes = messages.map((m) => outcomeFor(m, byReference.get(cmReference(m.notificationId)), allCreated));
  const missing = outcomes.filter((o) => o.kind === "failed").length;
  if (missing > 0) log.error("cm_result_missing", { http_status: httpStatus, cm_error_code: errorCode, messages: missing });
  return { outcomes, receipts: [] };
}

function outcomeFor(message: SmsMessage, entry: CmResponseMessage | undefined, allCreated: boolean): SendOutcome {
  const notificationId = message.notificationId;
  const reference = cmReference(notificationId);
  const accepted = (): SendOutcome => ({
    kind: "accepted",
    notificationId,
    status: "sending",
    provider: PROVIDER,
    providerReference: reference,
    billableUnits: typeof entry?.parts === "number" && entry.parts > 0 ? entry.parts : countSmsParts(message.body),
  });
  if (!entry) return allCreated ? accepted() : { kind: "failed", notificationId, reason: "cm_result_missing" };
  if (entry.status?.toLowerCase() === "accepted") return accepted();
  const code = typeof entry.messageErrorCode === "number" ? entry.messageErrorCode : 999;
  if (TRANSIENT_MESSAGE_CODES.has(code)) return { kind: "retry", notificationId, reason: `cm_message_${code}` };
  // CM's messageDetails may quote the recipient's number, so only the code and our own text are kept.
  return {
    kind: "rejected",
    notificationId,
    provider: PROVIDER,
    billableUnits: 0,
    reason: `CM ${code}: ${CM_ERROR_TEXT[code] ?? "Rejected"}`,
  };
}
