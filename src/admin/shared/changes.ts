/**
 * Partial updates (PATCH): which of the given fields really change, as {field: {from, to}} for the
 * audit row. A field given with its current value is no change, so a repeated PATCH writes nothing
 * and leaves no audit row; a body with no field at all is refused, as it is almost always a mistake
 * (a misspelt flag, a client sending the wrong object) rather than a deliberate no-op.
 */
import { Errors } from "../../errors";

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** 400 when `changes` gives no field (undefined = not given; null is a value, e.g. "back to the default"). */
export function requireSomeField(changes: object): void {
  if (Object.values(changes).every((value) => value === undefined)) {
    throw Errors.validation(["Give at least one field to change"]);
  }
}

/**
 * The given fields of `changes` whose value differs from `current` (both in API field names).
 * Values are compared as JSON, so arrays compare by content.
 */
export function changedFields<F extends string>(
  current: Readonly<Record<F, unknown>>,
  changes: Partial<Record<F, unknown>>,
  fields: readonly F[],
): FieldChanges {
  const changed: FieldChanges = {};
  for (const field of fields) {
    const to = changes[field];
    if (to === undefined) continue;
    const from = current[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changed[field] = { from, to };
  }
  return changed;
}
