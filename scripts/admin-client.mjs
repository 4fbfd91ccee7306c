// A tiny client for the NotifyNL admin API (Node 20, fetch, no dependencies).
// Shared by the admin CLI (admin.mjs), the demo seed (seed.mjs) and e2e tests and benchmarks.

/** An admin API error answer (problem details) or a network failure, as one readable line. */
export class AdminApiError extends Error {
  /**
   * @param {string} message one line, e.g. "HTTP 400: BadRequestError: An API key named 'x' already exists"
   * @param {number} status HTTP status, or 0 when the server could not be reached
   * @param {unknown} body the parsed response body, if any
   */
  constructor(message, status, body) {
    super(message);
    this.name = "AdminApiError";
    this.status = status;
    this.body = body;
  }
}

/**
 * @param {string} baseUrl e.g. "http://127.0.0.1:8787"
 * @param {string} token the ADMIN_TOKEN
 * @returns {{ baseUrl: string, request: (method: string, path: string, body?: unknown) => Promise<any> }}
 */
export function createAdminClient(baseUrl, token) {
  const root = baseUrl.replace(/\/+$/, "");
  return {
    baseUrl: root,
    /**
     * Sends one admin request; resolves to the parsed JSON (null for 204, the text for a non-JSON
     * answer such as CSV), rejects with AdminApiError.
     */
    async request(method, path, body, headers = {}) {
      let response;
      try {
        response = await fetch(`${root}${path}`, {
          method,
          headers: {
            ...headers,
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        const cause = error?.cause;
        const reason = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? error?.message ?? String(error);
        throw new AdminApiError(`cannot reach ${root} (${reason}); is the server running (npm start)?`, 0, null);
      }
      const text = await response.text();
      let parsed = null;
      try {
        parsed = text && /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : text || null;
      } catch {
        parsed = text;
      }
      if (!response.ok) throw new AdminApiError(`HTTP ${response.status}: ${describeErrors(parsed, text)}`, response.status, parsed);
      return parsed;
    },
  };
}

function describeErrors(body, text) {
  // The admin API answers RFC 9457 problem details; the public API Notify's error body.
  if (body && typeof body.detail === "string") {
    const fields = Array.isArray(body.invalidParams) ? body.invalidParams.map((p) => `${p.name}: ${p.reason}`) : [];
    return fields.length > 0 ? `${body.code}: ${fields.join("; ")}` : `${body.code}: ${body.detail}`;
  }
  if (body && Array.isArray(body.errors) && body.errors.length > 0) {
    return body.errors.map((e) => `${e.error}: ${e.message}`).join("; ");
  }
  return text.slice(0, 300) || "(empty response)";
}
