/**
 * Field schemas for admin request bodies. Messages complete "<field> <message>" (see
 * http/validation.ts), in the wording of Notify's jsonschema errors where Notify has one.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import * as v from "valibot";
import { parseSmsSender } from "./sms-sender";

/** A trimmed, non-empty string of at most `max` characters. */
export const text = (max: number) =>
  v.pipe(
    v.string("is not of type string"),
    v.trim(),
    v.minLength(1, "must not be empty"),
    v.maxLength(max, `must be at most ${max} characters long`),
  );

/** A whole number in [min, max]. */
export const integer = (min: number, max: number) =>
  v.pipe(
    v.number("is not of type integer"),
    v.integer("is not of type integer"),
    v.minValue(min, `is less than the minimum of ${min}`),
    v.maxValue(max, `is greater than the maximum of ${max}`),
  );

export const flag = v.boolean("is not of type boolean");

/** One of a fixed list of strings. */
export const oneOf = <const T extends readonly [string, ...string[]]>(options: T) =>
  v.picklist(options, `is not one of [${options.join(", ")}]`);

/** An email address (Notify's rules), trimmed; case is kept (see lowerEmailAddress). */
export const emailAddress = v.pipe(v.string("is not of type string"), v.trim(), v.check(isEmailAddress, "Not a valid email address"));

/** An email address stored lower-cased, for matching recipients (team members). */
export const lowerEmailAddress = v.pipe(emailAddress, v.toLowerCase());

/** An SMS sender: an alphanumeric sender id, or a phone number normalised to international digits. */
export const smsSender = v.pipe(
  v.string("is not of type string"),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const parsed = parseSmsSender(dataset.value);
    if (!parsed.ok) {
      addIssue({ message: parsed.reason });
      return NEVER;
    }
    return parsed.value;
  }),
);

/** A phone number, Dutch national or international, normalised to E.164 ("06-12345678" → "+31612345678"). */
export const phoneNumber = v.pipe(
  v.string("is not of type string"),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const parsed = parsePhoneNumberFromString(dataset.value.trim(), "NL");
    if (!parsed?.isValid()) {
      addIssue({ message: "Not a valid phone number" });
      return NEVER;
    }
    return parsed.number;
  }),
);

const VALID_LOCAL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const HOSTNAME_PART = /^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$/i;
const TLD = /^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$/i;

/** Notify's email validation (notifications_utils validate_email_address), without IDNA encoding. */
export function isEmailAddress(value: string): boolean {
  if (value.length > 320 || value.includes("..")) return false;
  const at = value.lastIndexOf("@");
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const hostname = value.slice(at + 1);
  if (!VALID_LOCAL.test(local) || hostname.length === 0 || hostname.length > 253) return false;
  const parts = hostname.split(".");
  if (parts.length < 2) return false;
  const tld = parts[parts.length - 1] ?? "";
  return parts.every((p) => p.length > 0 && p.length <= 63 && HOSTNAME_PART.test(p)) && TLD.test(tld);
}
