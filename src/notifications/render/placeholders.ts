/**
 * Notify's placeholder language, rendered with mustache using `((` `))` tags.
 *
 * What counts as a placeholder is Notify's rule, not mustache's: `\({2}([^()]+)\){2}`
 * (UK-UTILS `field.py`). Mustache would otherwise read `((#x))` as a section, `((!x))` as a
 * comment and stumble over text such as `(((name)))` or an unclosed `((`. So before mustache parses
 * the template, every Notify placeholder becomes an indexed tag `((&0))`, `((&1))`, … and every
 * literal parenthesis becomes `((&lp))`/`((&rp))`. Mustache then parses and renders a template
 * that has only plain variable tags, and all of Notify's semantics (insensitive names, `??`,
 * lists) live in the values we hand it. Nothing here HTML-escapes: `&` tags are never escaped.
 */
import Mustache from "mustache";

/** Personalisation as received from the API: a JSON object of strings, numbers, booleans, lists. */
export type Personalisation = Readonly<Record<string, unknown>>;

/** Where the filled text goes; decides how list values are written. */
export type FillKind = "sms" | "email-body" | "plain";

/** Options for {@link fillPlaceholders}. */
export interface FillOptions {
  kind: FillKind;
}

/** `((name))`, Notify's placeholder syntax; group 1 is what is between the brackets. */
export const PLACEHOLDER = /\(\(([^()]+)\)\)/g;
const TAGS: [string, string] = ["((", "))"];
/** Notify's `str2bool`: the values that switch optional content on. */
const TRUTHY = new Set(["yes", "y", "true", "t", "1", "include", "show"]);
const ZERO_WIDTH = /[\u180e\u200b-\u200d\u2060\ufeff]/g;

interface Placeholder {
  /** The name as written in the template, trimmed, e.g. "First Name". */
  name: string;
  /** The text after `??` for optional content, untrimmed (Notify keeps its spaces). */
  conditional: string | null;
}

/** Notify's `InsensitiveDict` key: drop spaces, `_` and `-`, lower-case. */
export function normaliseKey(name: string): string {
  return name.replace(/[ _-]/g, "").toLowerCase();
}

function parseBody(body: string): Placeholder {
  const at = body.indexOf("??");
  if (at === -1) return { name: body.trim(), conditional: null };
  return { name: body.slice(0, at).trim(), conditional: body.slice(at + 2) };
}

/** The placeholders of a template in order of appearance (with repeats). */
function placeholdersOf(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => parseBody(match[1] ?? ""));
}

/** Case/space/_/- insensitive view of the personalisation; the last of two clashing keys wins, as in Notify. */
function insensitive(personalisation: Personalisation): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [key, value] of Object.entries(personalisation)) values.set(normaliseKey(key), value);
  return values;
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined;
}

/** A personalisation value as text: strings as they are, numbers and booleans via String, the rest as JSON. */
export function stringify(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}

/** "one", "one and two", "one, two and three" (Notify keeps the English "and"). */
function formatList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function formatValue(value: unknown, kind: FillKind): string {
  if (!Array.isArray(value)) return stringify(value);
  // Like Notify, items are trimmed (zero-width characters too) and empty ones dropped.
  const items = value
    .filter(present)
    .map((item) => stringify(item).replace(ZERO_WIDTH, "").trim())
    .filter((item) => item !== "");
  if (kind !== "email-body") return formatList(items);
  // Email bodies are markdown: a blank line, then a bullet per item, so the list stands on its own.
  return items.length === 0 ? "" : `\n\n${items.map((item) => `* ${item}`).join("\n")}`;
}

function isTruthy(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (Array.isArray(value) || typeof value === "object") return false;
  return TRUTHY.has(stringify(value).toLowerCase());
}

/** The text one placeholder renders to, or null when its value is missing (then it stays as written). */
function replacement(placeholder: Placeholder, values: Map<string, unknown>, kind: FillKind): string | null {
  const value = values.get(normaliseKey(placeholder.name));
  if (!present(value)) return null;
  if (placeholder.conditional === null) return formatValue(value, kind);
  if (!isTruthy(value)) return "";
  // NotifyNL extension: optional content that names another placeholder shows that value.
  const other = values.get(normaliseKey(placeholder.conditional));
  return present(other) ? formatValue(other, kind) : placeholder.conditional;
}

/**
 * The distinct placeholder names of a template, in order, spelled as in the template (trimmed).
 * Names that differ only in case, spaces, `_` or `-` count once; `((name??text))` contributes `name`.
 */
export function placeholderNames(template: string): string[] {
  const seen = new Map<string, string>();
  for (const { name } of placeholdersOf(template)) {
    const key = normaliseKey(name);
    if (!seen.has(key)) seen.set(key, name);
  }
  return [...seen.values()];
}

/**
 * The normalised keys whose values rendering `template` can read: every placeholder name, and the
 * text of `((name??text))`, which shows another value when it names one.
 */
export function referencedKeys(template: string): Set<string> {
  const keys = new Set<string>();
  for (const { name, conditional } of placeholdersOf(template)) {
    keys.add(normaliseKey(name));
    if (conditional !== null) keys.add(normaliseKey(conditional));
  }
  return keys;
}

/**
 * The placeholder names (template spelling, de-duplicated across all parts) whose value is missing or
 * null, for Notify's `Missing personalisation: a, b`. Extra personalisation keys are ignored.
 */
export function missingPersonalisation(templateParts: string[], personalisation: Personalisation): string[] {
  const values = insensitive(personalisation);
  const missing = new Map<string, string>();
  for (const part of templateParts) {
    for (const name of placeholderNames(part)) {
      const key = normaliseKey(name);
      if (!present(values.get(key)) && !missing.has(key)) missing.set(key, name);
    }
  }
  return [...missing.values()];
}

/**
 * Fills `((placeholders))` in `text`. Lists become a markdown bullet list in email bodies and
 * "a, b and c" elsewhere; `((name??text))` shows `text` when the value is yes/y/true/t/1/include/show.
 * A placeholder without a value is left as written. Values are inserted verbatim (no HTML escaping).
 */
export function fillPlaceholders(text: string, personalisation: Personalisation, options: FillOptions): string {
  const values = insensitive(personalisation);
  const view: Record<string, string> = { lp: "(", rp: ")" };
  let source = "";
  let index = 0;
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const key = String(index++);
    view[key] = replacement(parseBody(match[1] ?? ""), values, options.kind) ?? match[0];
    source += `${protect(text.slice(last, match.index))}((&${key}))`;
    last = match.index + match[0].length;
  }
  source += protect(text.slice(last));
  // A fresh writer per call: the default writer caches every template it has seen, forever.
  return new Mustache.Writer().render(source, view, undefined, { tags: TAGS });
}

/** Literal parentheses become tags so mustache never mistakes `((` or `))` in text for a tag. */
function protect(literal: string): string {
  return literal.replace(/[()]/g, (paren) => (paren === "(" ? "((&lp))" : "((&rp))"));
}
