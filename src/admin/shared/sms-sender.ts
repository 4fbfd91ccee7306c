/**
 * SMS sender rules. CM.com accepts "11 alphanumerical characters or 16 digits" as `from`.
 *  - Alphanumeric sender id: 3–11 characters, letters, digits, space and `& . - _`, at least one
 *    letter, not starting with 00 (Notify's rules; operators treat 00… as a phone number).
 *  - Phone number (needed for inbound numbers): stored as international digits without + or 00,
 *    e.g. "+31 6 1234 5678", "0031612345678" and "0612345678" (Dutch) all become "31612345678";
 *    4–16 digits. One stored form means inbound messages can be matched to their number exactly.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";

export type SmsSenderResult = { ok: true; value: string; isPhoneNumber: boolean } | { ok: false; reason: string };

const ALPHANUMERIC = /^[A-Za-z0-9 &.\-_]+$/;
const PHONE_LIKE = /^\+?[0-9][0-9 ()-]*$/;

export function parseSmsSender(raw: string): SmsSenderResult {
  const value = raw.trim();
  if (value === "") return { ok: false, reason: "must not be empty" };
  if (PHONE_LIKE.test(value)) return parsePhoneSender(value);
  if (value.length < 3 || value.length > 11) return { ok: false, reason: "must be between 3 and 11 characters long" };
  if (!ALPHANUMERIC.test(value)) {
    return { ok: false, reason: "may only contain letters, numbers, spaces and & . - _" };
  }
  if (value.startsWith("00")) return { ok: false, reason: "cannot start with 00" };
  return { ok: true, value, isPhoneNumber: false };
}

function parsePhoneSender(value: string): SmsSenderResult {
  const digits = value.replace(/\D/g, "");
  let international: string;
  if (value.startsWith("+")) international = digits;
  else if (digits.startsWith("00")) international = digits.slice(2);
  else if (digits.startsWith("0")) {
    // A Dutch national number (06…, 097…): the provider needs the international form.
    const parsed = parsePhoneNumberFromString(digits, "NL");
    if (!parsed?.isPossible()) return { ok: false, reason: "is not a valid phone number" };
    international = parsed.number.slice(1);
  } else international = digits; // a short code or an international number without prefix
  if (international.length < 4 || international.length > 16) {
    return { ok: false, reason: "must be a phone number of 4 to 16 digits" };
  }
  return { ok: true, value: international, isPhoneNumber: true };
}
