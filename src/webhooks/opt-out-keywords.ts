/**
 * The keywords an inbound SMS may consist of to opt out of (or back in to) a service's text
 * messages (Wmebv: a recipient must be able to stop messages as easily as by replying). Only the
 * whole message counts, in any case and with surrounding whitespace: "STOP please" or "stopp" is an
 * ordinary received text. Matching is trim + upper-case + set lookup, so no caller text reaches a
 * regular expression.
 */

const STOP_WORDS: ReadonlySet<string> = new Set(["STOP", "STOPPEN", "AFMELDEN", "UITSCHRIJVEN"]);
const START_WORDS: ReadonlySet<string> = new Set(["START", "AANMELDEN"]);
/** Longer than any keyword with generous whitespace; longer texts are never upper-cased. */
const MAX_KEYWORD_TEXT = 64;

export type OptOutKeyword = "stop" | "start";

/** "stop" or "start" when the whole text is one of the keywords, else null. */
export function optOutKeyword(text: string): OptOutKeyword | null {
  if (text.length > MAX_KEYWORD_TEXT) return null;
  const word = text.trim().toUpperCase();
  if (STOP_WORDS.has(word)) return "stop";
  if (START_WORDS.has(word)) return "start";
  return null;
}
