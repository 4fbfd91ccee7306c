/**
 * SMS part counting as CM.com's gateway does it for `body.type: "auto"`: GSM 03.38
 * 7-bit (160 single, 153 per part; extension characters take two septets and are never split) or
 * UCS-2 (70 single, 67 per part; surrogate pairs never split). Used for CM's part limits, so the
 * gateway neither truncates a message nor sends more parts than we bill.
 */
import { GSM_BASIC as BASIC, GSM_EXTENSION } from "../../lib/gsm-alphabet";

/** CM's gateway also counts a form feed as an extension character. */
const EXTENSION: ReadonlySet<string> = new Set([...GSM_EXTENSION, "\f"]);

const LIMITS = { gsm: { single: 160, multi: 153 }, ucs2: { single: 70, multi: 67 } } as const;

/** The two encodings `body.type: "auto"` chooses between. */
export type SmsEncoding = keyof typeof LIMITS;

/** GSM 7-bit when every character is in the default alphabet or its extension table, else UCS-2. */
export function smsEncoding(text: string): SmsEncoding {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return "ucs2";
  return "gsm";
}

/** Number of SMS parts `text` needs (at least 1). */
export function countSmsParts(text: string): number {
  const encoding = smsEncoding(text);
  const { single, multi } = LIMITS[encoding];
  const cost = (ch: string) => (encoding === "gsm" ? (EXTENSION.has(ch) ? 2 : 1) : ch.length);
  let units = 0;
  for (const ch of text) units += cost(ch);
  if (units <= single) return 1;
  let parts = 1;
  let used = 0;
  for (const ch of text) {
    const c = cost(ch);
    if (used + c > multi) {
      parts += 1;
      used = 0;
    }
    used += c;
  }
  return parts;
}
