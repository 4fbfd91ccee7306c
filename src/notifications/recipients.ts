/**
 * Recipient validation with Notify's rules and messages, the Dutch way (NL-UTILS
 * `recipient_validation/notifynl/phone_number.py`): numbers without a country code are Dutch,
 * only Dutch mobiles are sendable by default, other countries need the international permission.
 *
 * libphonenumber-js is imported with its "max" metadata: "min" has no number types at all, and
 * "mobile" knows only mobile ranges, so a landline such as 020-1234567 would look invalid instead
 * of getting NotifyNL's "Not a dutch mobile number". What it costs in bundle size is in
 * docs/performance.md.
 */
import { ParseError, type PhoneNumber, parsePhoneNumberWithError, validatePhoneNumberLength } from "libphonenumber-js/max";

/** The v2 API's legacy phone messages (UK-UTILS `LEGACY_V2_API_ERROR_MESSAGES`, NotifyNL's Dutch mobile one). */
export const PHONE_ERRORS = {
  tooShort: "Not enough digits",
  tooLong: "Too many digits",
  symbols: "Must not contain letters or symbols",
  countryPrefix: "Not a valid country prefix",
  invalid: "Number is not valid \u2013 double check the phone number you entered",
  notDutchMobile: "Not a dutch mobile number",
  international: "Cannot send to international mobile numbers",
} as const;

export const INVALID_EMAIL_MESSAGE = "Not a valid email address";

/** A phone number that may be sent to. */
export interface ValidPhoneNumber {
  ok: true;
  /** E.164 with the plus, e.g. "+31612345678". */
  e164: string;
  /** True for anything outside the Netherlands (+31). */
  international: boolean;
  /** The country calling code without the plus ("31", "49"), Notify's billing prefix. */
  countryCode: string;
}

/** Why a phone number was refused, with the Notify error name the API should return. */
export interface InvalidPhoneNumber {
  ok: false;
  error: "ValidationError" | "InvalidPhoneError" | "BadRequestError";
  message: string;
}

export type PhoneValidation = ValidPhoneNumber | InvalidPhoneNumber;

/** Options for {@link validatePhoneNumber}. */
export interface PhoneValidationOptions {
  /** The service has Notify's `international_sms` permission. */
  allowInternational: boolean;
}

// Notify's phone ALLOW_LIST: number types a text message may go to at all. Of these, only MOBILE is
// sendable in the Netherlands; the others are what NotifyNL calls "not a dutch mobile" (landlines).
const SENDABLE_TYPES = new Set(["MOBILE", "FIXED_LINE", "FIXED_LINE_OR_MOBILE", "UAN", "PERSONAL_NUMBER"]);
const NL_CALLING_CODE = "31";
const ZERO_WIDTH = /[\u180e\u200b-\u200d\u2060\ufeff]/g;

const invalid = (error: InvalidPhoneNumber["error"], message: string): InvalidPhoneNumber => ({ ok: false, error, message });

function lengthMessage(reason: string | undefined): string {
  if (reason === "TOO_LONG") return PHONE_ERRORS.tooLong;
  if (reason === "TOO_SHORT" || reason === "NOT_A_NUMBER") return PHONE_ERRORS.tooShort;
  if (reason === "INVALID_COUNTRY") return PHONE_ERRORS.countryPrefix;
  return PHONE_ERRORS.invalid;
}

function parse(digits: string): PhoneNumber | string {
  try {
    const reason = validatePhoneNumberLength(digits, "NL");
    if (reason !== undefined) return lengthMessage(reason);
    return parsePhoneNumberWithError(digits, { defaultCountry: "NL", extract: false });
  } catch (error) {
    if (error instanceof ParseError) return lengthMessage(error.message);
    throw error;
  }
}

/**
 * Validates and normalises a phone number, Dutch by default: "06-12345678", "+31 6 1234 5678" and
 * "0031612345678" all become "+31612345678". Spaces, `-`, `(`, `)`, `.` and a leading `+` are allowed.
 */
export function validatePhoneNumber(input: string, options: PhoneValidationOptions): PhoneValidation {
  const trimmed = input.replace(ZERO_WIDTH, "").trim();
  if (/[^\d\s().+-]/.test(trimmed) || trimmed.indexOf("+", 1) !== -1) return invalid("ValidationError", PHONE_ERRORS.symbols);
  const digits = trimmed.replace(/[\s().-]/g, "");
  if (!/\d/.test(digits)) return invalid("ValidationError", PHONE_ERRORS.tooShort);

  let parsed = parse(digits);
  // Spreadsheets drop the "+" of international numbers ("4915112345678"). A Dutch national number
  // starts with 0, so a number that does not and fails as Dutch is retried as international, as Notify does.
  if (typeof parsed === "string" && /^[1-9]/.test(digits)) {
    const forced = parse(`+${digits}`);
    if (typeof forced !== "string") parsed = forced;
  }
  if (typeof parsed === "string") return invalid("ValidationError", parsed);

  const type = parsed.getType();
  if (!parsed.isValid() || type === undefined || !SENDABLE_TYPES.has(type)) return invalid("ValidationError", PHONE_ERRORS.invalid);

  const countryCode = String(parsed.countryCallingCode);
  const international = countryCode !== NL_CALLING_CODE;
  if (!international && type !== "MOBILE") return invalid("InvalidPhoneError", PHONE_ERRORS.notDutchMobile);
  if (international && !options.allowInternational) return invalid("BadRequestError", PHONE_ERRORS.international);
  return { ok: true, e164: parsed.number, international, countryCode };
}

/** A valid email address (normalised) or Notify's message. */
export type EmailValidation = { ok: true; normalised: string } | { ok: false; error: "ValidationError"; message: string };

// Notify's `validate_email_address` (UK-UTILS `recipient_validation/email_address.py`): a strict
// local part (no quotes or semicolons, which upset mail servers) and a real-looking host name.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@([^.@][^@\s]+)$/;
const HOST_LABEL = /^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$/i;
const TLD = /^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$/i;

/** Converts a Unicode host name to its ASCII (punycode) form using the platform's URL parser. */
function asciiHost(host: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is "all ASCII", control characters included
  if (/^[\x00-\x7f]*$/.test(host)) return host;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

/** The address without the invisible characters that copy-paste brings along (zero-width, no-break spaces). */
function withoutInvisibles(input: string): string {
  return input
    .replace(ZERO_WIDTH, "")
    .replace(/[\u00a0\u202f]/g, "")
    .trim();
}

/**
 * The form of a validated address to hand to the SMTP relay: without invisible characters, the
 * domain in ASCII (punycode), the local part as the sender wrote it (it may be case-sensitive).
 */
export function sendableEmailAddress(input: string): string {
  const address = withoutInvisibles(input);
  const at = address.lastIndexOf("@");
  if (at < 0) return address;
  return `${address.slice(0, at)}@${asciiHost(address.slice(at + 1)) ?? address.slice(at + 1)}`;
}

/** Validates an email address with Notify's rules; the normalised form is trimmed and lower-cased. */
export function validateEmailAddress(input: string): EmailValidation {
  const address = withoutInvisibles(input);
  const refuse = { ok: false, error: "ValidationError", message: INVALID_EMAIL_MESSAGE } as const;
  const match = EMAIL.exec(address);
  if (!match || address.length > 320 || address.includes("..")) return refuse;
  const host = asciiHost(match[1] ?? "");
  if (host === null) return refuse;
  const labels = host.split(".");
  if (host.length > 253 || labels.length < 2) return refuse;
  if (labels.some((label) => label === "" || label.length > 63 || !HOST_LABEL.test(label))) return refuse;
  if (!TLD.test(labels[labels.length - 1] ?? "")) return refuse;
  return { ok: true, normalised: address.toLowerCase() };
}

/*
 * Magic recipients. The Netherlands has no numbers reserved for fiction or testing (nothing like
 * Ofcom's 07700 900xxx that Notify uses), so ours come from the 097 range: 12-digit numbers that
 * the Dutch numbering plan gives to machine-to-machine (IoT) SIMs, never to people's phones.
 * libphonenumber counts 097 as mobile, so they pass validation without any permission. The
 * 0970 0000 000x block is an all-zeros block chosen to look obviously artificial; the endings
 * mirror Notify's (…000/…111/…222 smoke tests, …002 permanent and …003 temporary failure).
 * Smoke-test recipients are never stored or sent; the failure numbers only mean something to test
 * keys and the simulator provider, so a live key with a real provider would really send to them.
 */

/** Smoke-test numbers: validated and answered with 201, but never stored or sent (Notify's SIMULATED_SMS_NUMBERS). */
export const SMOKE_TEST_PHONE_NUMBERS: readonly string[] = ["+3197000000000", "+3197000000111", "+3197000000222"];

/** Smoke-test email addresses (Notify's `simulate-delivered@…` on our domain). */
export const SMOKE_TEST_EMAIL_ADDRESSES: readonly string[] = [
  "simulate-delivered@notifynl.nl",
  "simulate-delivered-2@notifynl.nl",
  "simulate-delivered-3@notifynl.nl",
];

/** Test keys and the simulator report `permanent-failure` for this number (Notify: 07700900002). */
export const SIMULATED_PERMANENT_FAILURE_NUMBER = "+3197000000002";
/** Test keys and the simulator report `temporary-failure` for this number (Notify: 07700900003). */
export const SIMULATED_TEMPORARY_FAILURE_NUMBER = "+3197000000003";

export type SimulatedOutcome = "delivered" | "temporary-failure" | "permanent-failure";

/** Compares numbers with or without the plus (Notify stores `normalised_to` without it). */
function plus(recipient: string): string {
  const trimmed = recipient.trim().toLowerCase();
  return /^\d+$/.test(trimmed) ? `+${trimmed}` : trimmed;
}

/** True for the smoke-test numbers and addresses; pass the normalised recipient. */
export function isSmokeTestRecipient(normalised: string): boolean {
  const recipient = plus(normalised);
  return SMOKE_TEST_PHONE_NUMBERS.includes(recipient) || SMOKE_TEST_EMAIL_ADDRESSES.includes(recipient);
}

/** The delivery outcome the simulator reports for a normalised recipient (Notify's research mode). */
export function simulatedOutcome(normalisedTo: string): SimulatedOutcome {
  const recipient = plus(normalisedTo);
  if (recipient === SIMULATED_PERMANENT_FAILURE_NUMBER || recipient.includes("perm-fail@simulator.notify")) return "permanent-failure";
  if (recipient === SIMULATED_TEMPORARY_FAILURE_NUMBER || recipient.includes("temp-fail@simulator.notify")) return "temporary-failure";
  return "delivered";
}
