/**
 * SMS rendering as GOV.UK Notify does it (UK-UTILS `template.py`, `formatters.py`), with upstream's
 * newer "any Unicode" policy (notifications-utils PR #1443): characters are never downgraded
 * (no accent stripping, no `?`), only meaning-preserving replacements are made, and any character
 * outside GSM 03.38 switches the message to UCS-2. Dutch words such as "België" therefore go out
 * intact as UCS-2 rather than as "Belgie".
 */

import { GSM_BASIC, GSM_EXTENSION } from "../../lib/gsm-alphabet";
import { fillPlaceholders, type Personalisation } from "./placeholders";

/** Notify's maximum message length (153 × 6), checked without the service-name prefix. */
export const SMS_CHAR_LIMIT = 918;

export type SmsEncoding = "gsm7" | "ucs2";

/** A rendered text message and what it costs to send. */
export interface RenderedSms {
  /** The text as it will be sent (with the prefix, when one was given). */
  content: string;
  encoding: SmsEncoding;
  fragments: number;
  /** GSM-7 septets (extension characters count 2) or UTF-16 code units for UCS-2. */
  characterCount: number;
}

/** Options for {@link renderSms}. */
export interface RenderSmsOptions {
  /** Service name put in front as "Name: body" when the service has prefixing on. */
  prefix?: string | null;
}

/**
 * The only replacements upstream still makes: they keep the meaning and often keep a message in
 * GSM-7. „ and ‚ (common in Dutch typography) are straightened like the other curly quotes.
 */
const REPLACEMENTS: Record<string, string> = {
  "\u2013": "-", // en dash
  "\u2014": "-", // em dash
  "\u2026": "...", // horizontal ellipsis
  "\u2018": "'",
  "\u2019": "'",
  "\u201a": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u201e": '"',
  "\u00a0": " ", // no-break space
  "\u202f": " ", // narrow no-break space
  "\t": " ",
  "\u0141": "L", // Ł: upstream keeps this one mapping
  // Zero-width characters are invisible but would force UCS-2.
  "\u180e": "",
  "\u200b": "",
  "\u200c": "",
  "\u200d": "",
  "\u2060": "",
  "\ufeff": "",
};
const REPLACEABLE = new RegExp(`[${Object.keys(REPLACEMENTS).join("")}]`, "g");
/** Python's `str.splitlines` boundaries, which Notify uses to normalise lines. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: \x1c-\x1e are line boundaries for Python, so for Notify
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/** Notify's clean-up: replacements, no space before `,`/`.`, tidy lines, at most one blank line, trimmed. */
export function normaliseSmsContent(text: string): string {
  const replaced = text.replace(REPLACEABLE, (character) => REPLACEMENTS[character] ?? character);
  const tightened = dropSpaceBeforePunctuation(replaced);
  const lines = tightened.split(LINE_BREAK).map((line) => line.split(/\s+/).filter(Boolean).join(" "));
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Removes spaces and tabs directly before `,` and `.` in one pass. (The regex form of this,
 * /[ \t]+([,.])/g, retries from every space of a long run: quadratic in caller text.)
 */
function dropSpaceBeforePunctuation(text: string): string {
  let out = "";
  let run = "";
  for (const character of text) {
    if (character === " " || character === "\t") {
      run += character;
      continue;
    }
    if (character !== "," && character !== ".") out += run;
    run = "";
    out += character;
  }
  return out + run;
}

/** GSM-7 when every character is in the GSM 03.38 basic or extension table, otherwise UCS-2. */
export function smsEncoding(content: string): SmsEncoding {
  for (const character of content) {
    if (!GSM_BASIC.has(character) && !GSM_EXTENSION.has(character)) return "ucs2";
  }
  return "gsm7";
}

/** Characters as the network counts them: extension characters are 2 septets; UCS-2 counts UTF-16 units. */
export function smsCharacterCount(content: string): number {
  if (smsEncoding(content) === "ucs2") return content.length;
  let count = 0;
  for (const character of content) count += GSM_EXTENSION.has(character) ? 2 : 1;
  return count;
}

/** Fragments billed: one up to 160/70, else concatenated parts of 153/67 (the rest is the UDH). */
export function smsFragmentCount(characterCount: number, encoding: SmsEncoding): number {
  const [single, part] = encoding === "gsm7" ? [160, 153] : [70, 67];
  return characterCount <= single ? 1 : Math.ceil(characterCount / part);
}

/** Fills the template and prepares it for sending, following Notify's order of steps. */
export function renderSms(body: string, personalisation: Personalisation, options: RenderSmsOptions = {}): RenderedSms {
  const filled = fillPlaceholders(body, personalisation, { kind: "sms" });
  const prefix = options.prefix?.trim();
  const content = normaliseSmsContent(prefix ? `${prefix}: ${filled}` : filled);
  const encoding = smsEncoding(content);
  const characterCount = smsCharacterCount(content);
  return { content, encoding, fragments: smsFragmentCount(characterCount, encoding), characterCount };
}

/**
 * Notify's length check on rendered content (pass it without the prefix): the error message, or null
 * when the message fits in {@link SMS_CHAR_LIMIT} characters.
 */
export function checkSmsLength(content: string): string | null {
  const count = smsCharacterCount(content);
  if (count <= SMS_CHAR_LIMIT) return null;
  return `Your message is too long. Text messages cannot be longer than ${SMS_CHAR_LIMIT} characters. Your message is ${count} characters long.`;
}
