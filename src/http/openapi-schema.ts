/** JSON Schema (OpenAPI 3.0 dialect) from valibot schemas, for both OpenAPI documents. */
import { toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";

export type Schema = v.GenericSchema<unknown, unknown>;

/** Validation-only actions (checks, transforms) have no JSON Schema form and are left out. */
export const schemaOf = (schema: Schema) => toJsonSchema(schema, { errorMode: "ignore", target: "openapi-3.0" }) as Record<string, unknown>;
