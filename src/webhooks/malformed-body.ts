/**
 * A webhook body we cannot read (the route turns it into a 400 Notify error and changes nothing),
 * and the two readers of untrusted JSON both CM.com parsers use.
 */
export class MalformedBody extends Error {
  override name = "MalformedBody";
}

/** `value[name]` when value is a plain object, else undefined. */
export function field(value: unknown, name: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return (value as Record<string, unknown>)[name];
}

/** CM sends every value as a string; numbers are tolerated, anything else is malformed. */
export function scalar(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new MalformedBody("unexpected value type");
}
