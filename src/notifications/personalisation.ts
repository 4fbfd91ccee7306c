/**
 * What a caller may put in `personalisation`, checked before anything is rendered or stored:
 * scalars (text, numbers, true/false, null) and lists of scalars, at most MAX_PERSONALISATION_BYTES
 * of JSON in all, each text at most MAX_VALUE_LENGTH characters. Only the values the template uses
 * are kept with the notification, so an unused key costs nothing in storage.
 *
 * The checks walk the object once and never recurse below a list, so a deeply nested value is
 * refused in time proportional to its top level, before JSON.stringify could overflow on it.
 */
import { Errors } from "../errors";
import { normaliseKey, type Personalisation, referencedKeys } from "./render/placeholders";

/** JSON bytes of all values together: far above any real letter, far below D1's 2 MB row. */
export const MAX_PERSONALISATION_BYTES = 64 * 1024;
/** Characters in one value (ten full-length text messages). */
export const MAX_VALUE_LENGTH = 10_000;
/** Keys in one personalisation object. */
export const MAX_KEYS = 1_000;

type Scalar = string | number | boolean | null;

const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));

/** Throws a 400 unless `personalisation` is within the limits above. */
export function checkPersonalisation(personalisation: Personalisation): void {
  const keys = Object.keys(personalisation);
  if (keys.length > MAX_KEYS) throw Errors.badRequest(`Personalisation has more than ${MAX_KEYS} keys`);
  let bytes = 2;
  for (const key of keys) {
    const value = personalisation[key];
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (!isScalar(item)) throw Errors.badRequest(`Personalisation ${key} must be text, a number, true/false or a list of those`);
      if (typeof item === "string" && item.length > MAX_VALUE_LENGTH) {
        throw Errors.badRequest(`Personalisation ${key} is longer than ${MAX_VALUE_LENGTH} characters`);
      }
      // Characters are a lower bound on UTF-8 bytes; the exact JSON size is measured below once this passes.
      bytes += key.length + (typeof item === "string" ? item.length : 8) + 4;
    }
    if (bytes > MAX_PERSONALISATION_BYTES) break;
  }
  if (
    bytes > MAX_PERSONALISATION_BYTES ||
    new TextEncoder().encode(JSON.stringify(personalisation)).byteLength > MAX_PERSONALISATION_BYTES
  ) {
    throw Errors.badRequest(`Personalisation is larger than ${MAX_PERSONALISATION_BYTES} bytes`);
  }
}

/** The values the template parts use, under the caller's spelling of each key. */
export function usedPersonalisation(templateParts: readonly string[], personalisation: Personalisation): Record<string, unknown> {
  const used = new Set(templateParts.flatMap((part) => [...referencedKeys(part)]));
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(personalisation)) {
    if (used.has(normaliseKey(key))) kept[key] = value;
  }
  return kept;
}
