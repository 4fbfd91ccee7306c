/**
 * valibot → Notify validation errors. Notify reports every schema problem as "<field> <message>",
 * de-duplicated, with Python's jsonschema wording for required and additional properties.
 */
import * as v from "valibot";
import { Errors } from "./errors";

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
  if (issue.kind === "schema" && issue.input === undefined && path.length > 0 && issue.type !== "strict_object") {
    return `${field} is a required property`;
  }
  if (issue.type === "strict_object" && path.length > 0) {
    const unexpected = path[path.length - 1];
    return `Additional properties are not allowed (${unexpected} was unexpected)`;
  }
  return field ? `${field} ${issue.message}` : issue.message;
}

/** Common field schemas with Notify's messages. */
export const Fields = {
  uuid: (name: string) => v.pipe(v.string(`${name} is not a valid UUID`), v.uuid("is not a valid UUID")),
};
