/**
 * Reading a console form post: the body is bounded, must be urlencoded, and must come from one of
 * our own pages. Cross-site posts are refused by the browser's Sec-Fetch-Site and Origin headers,
 * and every form carries a token: the session's synchronizer token once signed in, before that
 * the double-submit token of the form cookie.
 */
import { readBodyText } from "../../http/body";
import { timingSafeEqual } from "../../lib/crypto";

/** Larger than any template body (src/admin/templates/template-rules.ts) with its other fields. */
export const MAX_FORM_BYTES = 256 * 1024;

export class FormRefused extends Error {
  override name = "FormRefused";
}

/** True when the browser says the post came from another site. */
export function isCrossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  return origin !== null && origin !== new URL(request.url).origin;
}

/** The posted fields, after the checks above; throws FormRefused when a check fails. */
export async function readConsoleForm(request: Request, expectedToken: string): Promise<URLSearchParams> {
  if (isCrossSite(request)) throw new FormRefused("cross-site post");
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw new FormRefused("not a form post");
  const form = new URLSearchParams(await readBodyText(request, MAX_FORM_BYTES));
  const token = form.get("_csrf") ?? "";
  if (expectedToken === "" || !timingSafeEqual(token, expectedToken)) throw new FormRefused("form token mismatch");
  return form;
}

/** A field's text, trimmed unless asked not to, at most `max` characters (longer is cut, and checked by the caller's schema). */
export function field(form: URLSearchParams, name: string, { trim = true, max = 100_000 } = {}): string {
  const value = (form.get(name) ?? "").slice(0, max);
  return trim ? value.trim() : value;
}
