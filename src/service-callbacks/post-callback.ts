/**
 * One POST to an organisation's callback URL, Notify's way: JSON, `Authorization: Bearer`, 5 s
 * timeout. Retryable (Notify's rule): network errors, timeouts, 5xx and 429; any other non-2xx is
 * final. Redirects are not followed: a 3xx could point the request at a private address.
 */
import { checkCallbackUrl } from "../lib/callback-url";

/** Notify's callback timeout. */
export const CALLBACK_TIMEOUT_MS = 5_000;

/** What happened to one POST, and whether to try again. */
export type PostResult =
  | { outcome: "delivered"; httpStatus: number }
  | { outcome: "retry"; httpStatus: number | null; reason: string }
  | { outcome: "give_up"; httpStatus: number | null; reason: string };

/** The private-address rule, and test overrides. */
export interface PostOptions {
  allowPrivate: boolean;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** POSTs `payload` to `url` with the bearer token; never throws. */
export async function postCallback(url: string, bearerToken: string, payload: unknown, options: PostOptions): Promise<PostResult> {
  const checked = checkCallbackUrl(url, { allowPrivate: options.allowPrivate });
  if (!checked.ok) return { outcome: "give_up", httpStatus: null, reason: `url ${checked.reason}` };
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(checked.url.toString(), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${bearerToken}` },
      body: JSON.stringify(payload),
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? CALLBACK_TIMEOUT_MS),
    });
    // The answer's body is not needed; cancel it so the connection is released at once.
    await response.body?.cancel();
  } catch (error) {
    const timeout = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { outcome: "retry", httpStatus: null, reason: timeout ? "timeout" : "network_error" };
  }
  const status = response.status;
  if (status >= 200 && status < 300) return { outcome: "delivered", httpStatus: status };
  if (status >= 500 || status === 429) return { outcome: "retry", httpStatus: status, reason: `http_${status}` };
  return { outcome: "give_up", httpStatus: status, reason: `http_${status}` };
}
