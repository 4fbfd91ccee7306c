/**
 * CM.com Business Messaging adapter: a hand-written fetch to `${baseUrl}/v1.0/message` (the npm SDK
 * pulls in axios and hides fields). Header auth, many messages per request,
 * reference = notification id without hyphens, numbers as 00<cc><number>, SMS only, part limits
 * from our own count, a request timeout. The answer is classified in cm-response.ts.
 */
import type { SendResult } from "../outcome";
import { classifyCmResponse, transientOutcomes } from "./cm-response";
import { type CmRequestMessage, type CmResponse, cmNumber, cmReference } from "./cm-types";
import { countSmsParts } from "./fragments";
import type { SmsMessage, SmsProvider } from "./sms-provider";

/** Where and how to reach CM.com. */
export interface CmProviderOptions {
  /** e.g. "https://gw.messaging.cm.com" (config CM_BASE_URL). */
  baseUrl: string;
  productToken: string;
  /** Whole request, including reading the answer. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** CM's send API takes at most 1,000 msg objects per request. */
export const CM_MAX_MESSAGES_PER_REQUEST = 1000;
/** Request timeout when none is given. */
export const CM_DEFAULT_TIMEOUT_MS = 10_000;

/** The CM.com SMS provider. */
export function createCmProvider(options: CmProviderOptions): SmsProvider {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/v1.0/message`;
  const timeoutMs = options.timeoutMs ?? CM_DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function sendChunk(messages: readonly SmsMessage[]): Promise<SendResult> {
    const body = JSON.stringify({ messages: { msg: messages.map(toCmMessage) } });
    let status: number;
    let text: string;
    try {
      const response = await doFetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          accept: "application/json",
          "x-cm-producttoken": options.productToken,
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      return transientOutcomes(messages, isTimeout(error) ? "cm_timeout" : "cm_network_error", error);
    }
    return classifyCmResponse(status, parseJson(text), messages);
  }

  return {
    name: "cm",
    async sendBatch(messages) {
      const result: SendResult = { outcomes: [], receipts: [] };
      for (let i = 0; i < messages.length; i += CM_MAX_MESSAGES_PER_REQUEST) {
        const part = await sendChunk(messages.slice(i, i + CM_MAX_MESSAGES_PER_REQUEST));
        result.outcomes.push(...part.outcomes);
      }
      return result;
    },
  };
}

/** One `msg` per recipient, so every delivery report maps to exactly one notification. */
export function toCmMessage(message: SmsMessage): CmRequestMessage {
  // CM counts parts itself; the maximum is our count so it never truncates a message or sends more
  // parts than we bill, the minimum is 1 so a shorter count on CM's side is never padded.
  const parts = Math.max(countSmsParts(message.body), message.billableUnits, 1);
  return {
    allowedChannels: ["SMS"],
    from: message.from,
    to: [{ number: cmNumber(message.to) }],
    body: { type: "auto", content: message.body },
    reference: cmReference(message.notificationId),
    minimumNumberOfMessageParts: 1,
    maximumNumberOfMessageParts: parts,
  };
}

function parseJson(text: string): CmResponse | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as CmResponse) : null;
  } catch {
    return null;
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}
