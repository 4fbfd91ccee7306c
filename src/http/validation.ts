/**
 * valibot → Notify validation errors. Notify reports every schema problem as "<field> <message>",
 * de-duplicated, with Python's jsonschema wording for required and additional properties.
 */
import * as v from "valibot";
import { Errors } from "../errors";

type AnySchema = v.GenericSchema<unknown, unknown>;

/** Validates `input`; throws a 400 ValidationError listing every problem. */
export function validate<S extends AnySchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return result.output;
  throw Errors.validation(result.issues.map(describeIssue));
}

export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((p) => String(p.key)) ?? [];
  const field = path.join(".");
  const objectKeyIssue = issue.type === "object" || issue.type === "strict_object" || issue.type === "loose_object";
  if (objectKeyIssue && issue.expected === "never" && path.length > 0) {
    return `Additional properties are not allowed (${path[path.length - 1]} was unexpected)`;
  }
  if (objectKeyIssue && issue.expected?.startsWith('"') && path.length > 0) return `${field} is a required property`;
  if (issue.kind === "schema" && !objectKeyIssue && issue.message.startsWith("Invalid type:")) {
    return `${field ? `${field} ` : ""}${formatValue(issue.input)} is not of type ${pythonType(issue.expected)}`;
  }
  return field ? `${field} ${issue.message}` : issue.message;
}

function formatValue(input: unknown): string {
  return typeof input === "string" ? input : (JSON.stringify(input) ?? String(input));
}

/** jsonschema names types the JSON Schema way: string, object, array, integer, number, boolean. */
function pythonType(expected: string | null): string {
  if (!expected) return "the right type";
  if (expected.startsWith("Object") || expected === "Record") return "object";
  return expected.replace(/ \| null$/, "").replace(/^Array$/, "array");
}

/** Common field schemas with Notify's messages. */
export const Fields = {
  uuid: (name: string) => v.pipe(v.string(`${name} is not a valid UUID`), v.uuid("is not a valid UUID")),
};
