/** Choosing JSON or the HTML page by `Accept` (src/http/negotiated-response.ts): JSON unless HTML ranks higher. */
import { describe, expect, it } from "vitest";
import { prefersHtml } from "../../src/http/negotiated-response";

describe("prefersHtml", () => {
  it.each([
    ["a browser", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true],
    ["text/html alone", "text/html", true],
    ["JSON ranked above HTML", "text/html;q=0.5, application/json", false],
    ["HTML and JSON ranked the same", "text/html, application/json", false],
    ["anything", "*/*", false],
    ["no Accept header", null, false],
    ["HTML refused with q=0", "text/html;q=0", false],
  ])("%s → %s", (_name, accept, html) => {
    expect(prefersHtml(accept)).toBe(html);
  });
});
