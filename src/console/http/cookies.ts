/**
 * The console's cookies. Over HTTPS (every deployment) the session cookie is
 * `__Host-nnl-sessie; Secure; HttpOnly; SameSite=Lax; Path=/`: the prefix makes the browser refuse
 * it from a subdomain or without Secure. On http://127.0.0.1 (npm start) a Secure cookie would not
 * be kept, so there it is `nnl-sessie` without Secure; nothing else changes.
 * The form cookie carries the double-submit token of the forms shown before sign-in.
 */
export type CookieName = "session" | "form";

const NAMES: Record<CookieName, string> = { session: "nnl-sessie", form: "nnl-formulier" };

function cookieName(name: CookieName, secure: boolean): string {
  return secure ? `__Host-${NAMES[name]}` : NAMES[name];
}

function isSecure(url: URL): boolean {
  return url.protocol === "https:";
}

/** The value of one of our cookies in the request; undefined when absent. */
export function readCookie(request: Request, name: CookieName): string | undefined {
  const wanted = cookieName(name, isSecure(new URL(request.url)));
  for (const part of (request.headers.get("cookie") ?? "").slice(0, 8192).split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === wanted) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** A Set-Cookie value; `maxAgeSeconds` 0 deletes it. Session cookies have no Max-Age: they end with the browser. */
export function cookieHeader(request: Request, name: CookieName, value: string, maxAgeSeconds?: number): string {
  const secure = isSecure(new URL(request.url));
  const parts = [`${cookieName(name, secure)}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (secure) parts.push("Secure");
  if (maxAgeSeconds !== undefined) parts.push(`Max-Age=${maxAgeSeconds}`);
  return parts.join("; ");
}
