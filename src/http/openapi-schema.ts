/** JSON Schema (OpenAPI 3.0 dialect) from valibot schemas, for both OpenAPI documents. */
import { toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";

export type Schema = v.GenericSchema<unknown, unknown>;

/** Validation-only actions (checks, transforms) have no JSON Schema form and are left out. */
export const schemaOf = (schema: Schema) =>
  withoutEmptyRequired(toJsonSchema(schema, { errorMode: "ignore", target: "openapi-3.0" })) as Record<string, unknown>;

/** OpenAPI 3.0 forbids `required: []`, which the converter writes for objects of optional fields only. */
function withoutEmptyRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutEmptyRequired);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === "required" && Array.isArray(value) && value.length === 0))
      .map(([key, value]) => [key, withoutEmptyRequired(value)]),
  );
}
