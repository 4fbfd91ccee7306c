/**
 * HTML for parsed email markdown: a plain, accessible document with inline styles only (mail clients
 * drop <style> blocks and we load nothing external). Every piece of text is HTML-escaped here, so
 * template text and personalisation values can never inject markup.
 */
import type { Block, Inline } from "./markdown";

const FONT = "font-family: Helvetica, Arial, sans-serif;";
const TEXT = `${FONT} font-size: 19px; line-height: 25px; color: #0b0c0c;`;
const STYLE = {
  h2: `${FONT} font-size: 27px; line-height: 35px; font-weight: bold; color: #0b0c0c; margin: 0 0 20px 0;`,
  h3: `${FONT} font-size: 19px; line-height: 25px; font-weight: bold; color: #0b0c0c; margin: 0 0 15px 0;`,
  p: `${TEXT} margin: 0 0 20px 0;`,
  list: `${TEXT} margin: 0 0 20px 0; padding: 0 0 0 20px;`,
  li: `${TEXT} margin: 0 0 5px 0;`,
  inset: `${TEXT} border-left: 10px solid #b1b4b6; margin: 0 0 20px 0; padding: 15px 0 0.1px 15px;`,
  hr: "border: 0; height: 1px; background: #b1b4b6; margin: 30px 0;",
  a: "color: #1d70b8; text-decoration: underline; word-wrap: break-word;",
} as const;

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/**
 * An href that cannot break out of its attribute: characters outside RFC 3986 are percent-encoded
 * (existing %xx escapes are kept, as Notify does, so already-encoded URLs are not double-encoded).
 */
function safeHref(href: string): string {
  const encoded = href.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (c) => encodeURIComponent(c));
  return escapeHtml(encoded);
}

function inlineHtml(content: Inline[]): string {
  return content
    .map((part) => {
      if (part.type === "break") return "<br>";
      if (part.type === "link") return `<a style="${STYLE.a}" href="${safeHref(part.href)}">${escapeHtml(part.text)}</a>`;
      return escapeHtml(part.text);
    })
    .join("");
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case "heading":
      return block.level === 2
        ? `<h2 style="${STYLE.h2}">${inlineHtml(block.content)}</h2>`
        : `<h3 style="${STYLE.h3}">${inlineHtml(block.content)}</h3>`;
    case "paragraph":
      return `<p style="${STYLE.p}">${inlineHtml(block.content)}</p>`;
    case "list": {
      const items = block.items.map((item) => `<li style="${STYLE.li}">${inlineHtml(item)}</li>`).join("");
      if (!block.ordered) return `<ul style="${STYLE.list}">${items}</ul>`;
      const start = block.start === 1 ? "" : ` start="${block.start}"`;
      return `<ol${start} style="${STYLE.list}">${items}</ol>`;
    }
    case "inset":
      return `<blockquote style="${STYLE.inset}">${blocksToHtml(block.blocks)}</blockquote>`;
    case "rule":
      return `<hr style="${STYLE.hr}">`;
  }
}

/** The HTML fragment for a list of blocks, one block per line. */
export function blocksToHtml(blocks: Block[]): string {
  return blocks.map(blockHtml).join("\n");
}

/** A complete HTML email document around a rendered body. `lang` is the language of the content. */
export function htmlDocument(subject: string, bodyHtml: string, lang = "nl"): string {
  const title = escapeHtml(subject);
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(lang)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${title}</title>`,
    "</head>",
    `<body style="margin: 0; padding: 0; background: #ffffff;">`,
    `<div role="article" aria-label="${title}" style="${TEXT} max-width: 580px; margin: 0 auto; padding: 20px;">`,
    bodyHtml,
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
}
