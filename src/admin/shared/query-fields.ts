/**
 * Filters of admin list queries. Query values are always strings, so a filter states the exact
 * strings it accepts ("maybe" is a 400, not false) and converts them once, here.
 */
import * as v from "valibot";

/** `true` or `false`, as a boolean; absent means "do not filter". */
export const queryFlag = (description: string) =>
  v.optional(
    v.pipe(
      v.picklist(["true", "false"], "must be true or false"),
      v.transform((value) => value === "true"),
      v.description(description),
    ),
  );

/** One of a fixed list of strings; absent means "do not filter". */
export const queryChoice = <const T extends readonly [string, ...string[]]>(options: T, description: string) =>
  v.optional(v.pipe(v.picklist(options, `is not one of [${options.join(", ")}]`), v.description(description)));

/** A whole number from `min` to `max`, given as digits (no sign, no exponent); absent means the default. */
export const queryWholeNumber = (min: number, max: number, description: string) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return v.optional(
    v.pipe(
      v.string(),
      v.regex(new RegExp(`^\\d{1,${String(max).length}}$`), message),
      v.transform(Number),
      v.minValue(min, message),
      v.maxValue(max, message),
      v.description(description),
    ),
  );
};
