/**
 * JSON or a printable HTML page for the same resource, chosen by `Accept`. JSON stays the default
 * (an API client that sends nothing, `*\/*` or `application/json` gets JSON); HTML only when the
 * caller ranks text/html above JSON, as a browser does. The page gets a Content-Security-Policy
 * that allows nothing but its one inline style (by hash): no scripts, images, frames or forms.
 */
import { json } from "./app-request";

export interface HtmlPageBody {
  html: string;
  /** The exact text of the page's one <style> element. */
  inlineStyle: string;
}

export async function jsonOrHtml(
  accept: string | null,
  body: () => unknown,
  page: () => Promise<HtmlPageBody>,
  filename: string,
): Promise<Response> {
  if (!prefersHtml(accept)) return json(body(), 200, { vary: "accept" });
  const { html, inlineStyle } = await page();
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": `default-src 'none'; style-src '${await sha256Source(inlineStyle)}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      "content-disposition": `inline; filename="${filename}"`,
      "referrer-policy": "no-referrer",
      vary: "accept",
    },
  });
}

/** True when text/html has a higher quality than application/json in `accept`. */
export function prefersHtml(accept: string | null): boolean {
  const ranges = (accept ?? "").split(",").map((part) => {
    const [range = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const quality = q ? Number(q.slice(2)) : 1;
    return { range: range.trim(), quality: Number.isFinite(quality) ? quality : 0 };
  });
  return qualityOf(ranges, "text", "html") > qualityOf(ranges, "application", "json");
}

/** The quality of the most specific range matching type/subtype (RFC 9110 §12.5.1); 0 if none. */
function qualityOf(ranges: { range: string; quality: number }[], type: string, subtype: string): number {
  for (const candidate of [`${type}/${subtype}`, `${type}/*`, "*/*"]) {
    const match = ranges.find((r) => r.range === candidate);
    if (match) return match.quality;
  }
  return 0;
}

const hashes = new Map<string, string>();

/** `sha256-<base64>` of a style's text, as CSP wants it; cached, since a page's style is a constant. */
async function sha256Source(text: string): Promise<string> {
  const known = hashes.get(text);
  if (known) return known;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  const source = `sha256-${btoa(String.fromCharCode(...digest))}`;
  if (hashes.size < 16) hashes.set(text, source);
  return source;
}
