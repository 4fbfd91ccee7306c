/** CM.com wire formats: the send request and answer, delivery reports (tools/cm-simulator/README.md describes them too). */

/** One `messages.msg[]` element of the send request. */
export interface CmRequestMessage {
  allowedChannels: ["SMS"];
  from: string;
  to: [{ number: string }];
  body: { type: "auto"; content: string };
  reference: string;
  minimumNumberOfMessageParts: number;
  maximumNumberOfMessageParts: number;
}

/** One per-recipient entry of the send response. */
export interface CmResponseMessage {
  to?: string | null;
  status?: string;
  reference?: string | null;
  parts?: number;
  messageDetails?: string | null;
  messageErrorCode?: number;
}

/** The send response envelope. */
export interface CmResponse {
  details?: string;
  errorCode?: number;
  messages?: CmResponseMessage[];
}

/** A delivery report, whatever format it arrived in (JSON, XML, GET); every value is a string. */
export interface CmStatusReport {
  reference: string;
  /** Status code: 0 accepted, 1 rejected, 2 delivered, 3 failed, 4 read. */
  code: string;
  errorCode: string;
  errorDescription: string;
  received?: string;
}

/** JSON send API error codes, for logs and provider_response. */
export const CM_ERROR_TEXT: Readonly<Record<number, string>> = {
  0: "OK",
  101: "Authentication of the request failed",
  102: "Insufficient balance",
  103: "The product token is incorrect",
  201: "One or more messages have errors",
  202: "Malformed request",
  203: "The request's MSG array is incorrect",
  301: "Invalid From field",
  302: "Invalid To field",
  303: "Invalid MSISDN in the To field",
  304: "Invalid Body field",
  305: "Invalid field",
  401: "Message has been spam filtered",
  402: "Message has been blacklisted",
  403: "Message has been rejected",
  500: "Internal error",
  999: "Unknown error",
};

/** CM's `reference`: the notification id without hyphens (32 hex characters, within CM's 1–32 alphanumerics). */
export function cmReference(notificationId: string): string {
  return notificationId.replaceAll("-", "").toLowerCase();
}

/** The notification id for a CM reference (32 hex, or already a UUID); null when it cannot be one. */
export function notificationIdFromReference(reference: string): string | null {
  const hex = reference.trim().replaceAll("-", "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** CM's number format: "00" + country code + number, from E.164 ("+31612345678" → "0031612345678"). */
export function cmNumber(e164: string): string {
  return `00${e164.replace(/^\+/, "").replace(/\D/g, "")}`;
}
