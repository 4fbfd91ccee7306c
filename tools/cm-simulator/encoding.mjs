// SMS encoding detection and part counting, as CM.com's gateway does it for `body.type: "auto"`.
//
// GSM 03.38 7-bit default alphabet: 160 septets in one part, 153 per part when concatenated
// (the 6-byte UDH eats 7 septets). Extension-table characters (€ ^ { } [ ] ~ \ | and form feed)
// take two septets (ESC + char) and are never split across parts.
// UCS-2: 70 code units in one part, 67 per part (CM documents 67; some of its SDK docstrings say 66).
// A surrogate pair is never split across parts.
//
// The same alphabet is copied in src/providers/sms/fragments.ts (this tool imports nothing from the
// app). test/tools/sms-golden-vectors.json holds fixed texts with their encoding and part count;
// test/tools/sms-encoding-golden.test.mjs checks this file against them and
// test/unit/sms-encoding-golden.test.ts checks the app's copy.

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

/** @typedef {"gsm" | "ucs2" | "binary"} Encoding */

/** Units per part: one part alone (`single`) or each part of a concatenated message (`multi`). */
export const LIMITS = Object.freeze({
  gsm: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
  binary: { single: 140, multi: 134 }, // bytes
});

/**
 * True when every character of `text` is in the GSM 7-bit default alphabet or its extension table.
 * @param {string} text
 */
export function isGsm7(text) {
  for (const ch of text) {
    if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  }
  return true;
}

/**
 * Decide the encoding CM would use.
 * @param {string} content
 * @param {string} type  "auto" | "text" | "binary" (lower-cased)
 * @param {unknown} [dcs]  the msg's `dcs`; 8 selects UCS-2 for "text", ignored for "auto", as CM documents
 * @returns {Encoding}
 */
export function detectEncoding(content, type, dcs) {
  if (type === "binary") return "binary";
  if (type === "text") return dcs === 8 ? "ucs2" : "gsm";
  return isGsm7(content) ? "gsm" : "ucs2";
}

/**
 * Number of SMS parts for `content` in `encoding`. O(n), no allocation per character.
 * @param {string} content  hex digits (whitespace allowed) for "binary"
 * @param {Encoding} encoding
 * @returns {{ parts: number, units: number }} units = septets (gsm), UTF-16 code units (ucs2) or bytes (binary)
 */
export function countParts(content, encoding) {
  if (encoding === "binary") {
    const bytes = Math.ceil(content.replace(/\s+/g, "").length / 2); // hex content
    if (bytes <= LIMITS.binary.single) return { parts: 1, units: bytes };
    return { parts: Math.ceil(bytes / LIMITS.binary.multi), units: bytes };
  }
  const { single, multi } = LIMITS[encoding];
  const gsm = encoding === "gsm";
  let units = 0;
  for (const ch of content) units += cost(ch, gsm);
  if (units <= single) return { parts: 1, units };
  let parts = 1;
  let used = 0;
  for (const ch of content) {
    const c = cost(ch, gsm);
    if (used + c > multi) {
      parts += 1;
      used = 0;
    }
    used += c;
  }
  return { parts, units };
}

/**
 * @param {string} ch  one code point
 * @param {boolean} gsm
 */
function cost(ch, gsm) {
  if (gsm) return EXTENSION.has(ch) ? 2 : 1;
  return ch.length; // 2 for astral code points (surrogate pair)
}
