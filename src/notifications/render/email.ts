/**
 * Email rendering: the subject as plain text, the body as Notify markdown with values filled in
 * (what the API returns as `content.body`), and from that body an HTML and a plain-text part.
 */
import { blocksToHtml, htmlDocument } from "./email-html";
import { blocksToText } from "./email-text";
import { parseMarkdown } from "./markdown";
import { fillPlaceholders, normaliseKey, type Personalisation, stringify } from "./placeholders";

/** The link text of the unsubscribe footer (recipient-facing, so in Dutch). */
export const UNSUBSCRIBE_LINK_TEXT = "Afmelden voor deze e-mails";

/** The template fields an email is made from. */
export interface EmailTemplateParts {
  subject: string;
  body: string;
}

/** Options for {@link renderEmail}. */
export interface RenderEmailOptions {
  /** Personalisation keys (matched insensitively) whose values are markdown-sanitised before filling. */
  sanitiseContentFor?: string[] | null;
  /** When set, the HTML and text parts end with a rule and an unsubscribe link to this URL. */
  oneClickUnsubscribeUrl?: string | null;
}

/** One `sanitised_content` entry of the API response (a list value is shown as a JSON array). */
export interface SanitisedValue {
  unsanitised: string;
  sanitised: string;
}

/** A rendered email. */
export interface RenderedEmail {
  /** Subject with values filled in, whitespace collapsed. */
  subject: string;
  /** Markdown body with values filled in (sanitised where asked); the API's `content.body`. */
  body: string;
  html: string;
  text: string;
  /** Keyed by the names given in `sanitiseContentFor` that had a value. */
  sanitised: Record<string, SanitisedValue>;
}

// Notify's URL pattern (UK-UTILS `formatters.py`): optional scheme, domain labels, a letter TLD,
// not part of an email address; then an optional path, query or fragment. A match starts only at
// the start of a run of [\w-] (the lookbehind), so a long run costs one attempt, not one per character.
const URL_LIKE = /(?<![@.\w-])(?:https?:\/\/)?(?:[\w-]+\.)+[a-z]{2,63}(?![@\w])(?:[/?#][^\s<]*)?/gi;
const MARKDOWN_SPECIAL = /[\\`*_(){}[\]<>#+\-.!|]/g;

/**
 * Makes a personalisation value inert as markdown, as Notify does: a URL (with a scheme, or starting
 * with www.) is removed entirely; something that only looks like a domain ("bijlage.pdf",
 * "example.nl", maybe typed by accident) gets ". " between its parts so no mail client links it;
 * then every markdown character is backslash-escaped so the value cannot add headings, lists,
 * links or rules.
 */
export function sanitiseMarkdown(value: string): string {
  const unlinked = value.replace(URL_LIKE, (url) => (/^(?:https?:\/\/|www\.)/i.test(url) ? "" : url.replace(/\.(?=\S)/g, ". ")));
  return unlinked.replace(MARKDOWN_SPECIAL, "\\$&");
}

/** Sanitises a value for the body; list items are sanitised one by one so they stay a list. */
function sanitiseValue(value: unknown): string | string[] {
  if (!Array.isArray(value)) return sanitiseMarkdown(stringify(value));
  return value.filter((item) => item !== null && item !== undefined).map((item) => sanitiseMarkdown(stringify(item)));
}

const asText = (value: unknown): string => (Array.isArray(value) ? JSON.stringify(value) : stringify(value));

function applySanitising(
  personalisation: Personalisation,
  keys: readonly string[],
): { values: Personalisation; sanitised: Record<string, SanitisedValue> } {
  const wanted = new Map(keys.map((key) => [normaliseKey(key), key]));
  const values: Record<string, unknown> = {};
  const sanitised: Record<string, SanitisedValue> = {};
  for (const [key, value] of Object.entries(personalisation)) {
    const requested = wanted.get(normaliseKey(key));
    if (requested === undefined || value === null || value === undefined) {
      values[key] = value;
      continue;
    }
    const clean = sanitiseValue(value);
    values[key] = clean;
    sanitised[requested] = { unsanitised: asText(value), sanitised: asText(clean) };
  }
  return { values, sanitised };
}

/** Notify's `normalise_whitespace` for one-line fields: no zero-width characters, single spaces, trimmed. */
function collapseWhitespace(text: string): string {
  return text
    .replace(/[\u180e\u200b-\u200d\u2060\ufeff]/g, "")
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

/** Renders an email template with personalisation into subject, markdown body, HTML and text. */
export function renderEmail(
  template: EmailTemplateParts,
  personalisation: Personalisation,
  options: RenderEmailOptions = {},
): RenderedEmail {
  const { values, sanitised } = applySanitising(personalisation, options.sanitiseContentFor ?? []);
  // The subject is plain text, so markdown escaping would only show backslashes: it uses the raw values.
  const subject = collapseWhitespace(fillPlaceholders(template.subject, personalisation, { kind: "plain" }));
  const body = fillPlaceholders(template.body, values, { kind: "email-body" });
  const unsubscribe = options.oneClickUnsubscribeUrl;
  const source = unsubscribe ? `${body}\n\n---\n\n[${UNSUBSCRIBE_LINK_TEXT}](${unsubscribe})` : body;
  const blocks = parseMarkdown(source);
  return {
    subject,
    body,
    html: htmlDocument(subject, blocksToHtml(blocks)),
    text: blocksToText(blocks),
    sanitised,
  };
}
