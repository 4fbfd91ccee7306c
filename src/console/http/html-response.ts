/**
 * A console page as a response. The Content-Security-Policy allows only our own styles, scripts
 * and images (the QR code is inline SVG, part of the page): an injected `<script>` would not run
 * even if escaping ever failed. `inlineStyles` is for the one page element that needs it, the
 * email preview, whose HTML carries the inline styles every mail client expects.
 */
import { html } from "hono/html";
import type { Child } from "hono/jsx";

export interface PageOptions {
  status?: number;
  headers?: HeadersInit;
  inlineStyles?: boolean;
}

function policy(inlineStyles: boolean): string {
  return [
    "default-src 'none'",
    `style-src 'self'${inlineStyles ? " 'unsafe-inline'" : ""}`,
    "script-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export async function htmlPage(node: Child, options: PageOptions = {}): Promise<Response> {
  const body = String(await html`<!DOCTYPE html>${node}`);
  const headers = new Headers(options.headers);
  headers.set("content-type", "text/html; charset=utf-8");
  headers.set("content-security-policy", policy(options.inlineStyles ?? false));
  headers.set("referrer-policy", "same-origin");
  return new Response(body, { status: options.status ?? 200, headers });
}

/** 303 See Other: after a POST, the browser GETs the next page (a reload does not post again). */
export function seeOther(location: string, headers: HeadersInit = {}): Response {
  const out = new Headers(headers);
  out.set("location", location);
  return new Response(null, { status: 303, headers: out });
}
