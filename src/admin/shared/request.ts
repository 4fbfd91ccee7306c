/** What every admin handler needs from the request: change metadata, a validated body and query, path ids. */
import * as v from "valibot";
import { Errors, type FieldError } from "../../errors";
import type { AppRequest } from "../../http/app-request";
import { readJsonBody } from "../../http/body";
import { describeIssue } from "../../http/validation";
import type { ChangeMeta } from "../audit";
import { adminPrincipal } from "../auth";

/** Who is changing something: the credential's name goes into the audit log (BIO: traceable to a person). */
export function adminMeta(request: AppRequest): ChangeMeta {
  return { actor: adminPrincipal(request).name, requestId: request.requestId ?? null, at: request.services.clock.now() };
}

export type BodySchema = v.ObjectSchema<v.ObjectEntries, undefined>;
/** A query string schema: an object whose entries are optional strings (or string pipelines). */
export type QuerySchema = v.ObjectSchema<v.ObjectEntries, undefined>;

/**
 * Reads the JSON body within MAX_BODY_BYTES and validates it against a `v.object` schema. Unknown
 * fields are refused (a typo such as `restriced` must not silently fall back to a default), with
 * every problem listed in one 400. The unknown-field check is done here, not with v.strictObject,
 * because valibot reports a missing key of a strict object like an unexpected one.
 */
export async function readBody<S extends BodySchema>(request: AppRequest, schema: S): Promise<v.InferOutput<S>> {
  const input = await readJsonBody(request, request.services.config.MAX_BODY_BYTES);
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw Errors.validation(["Request body must be a JSON object"]);
  }
  return checkObject(schema, input, "Additional properties are not allowed");
}

/**
 * Validates the query string: unknown keys and keys given more than once are refused (a repeated
 * filter would otherwise be silently narrowed to one value).
 */
export function readQuery<S extends QuerySchema>(request: AppRequest, schema: S): v.InferOutput<S> {
  const input: Record<string, string> = {};
  const repeated: FieldError[] = [];
  for (const [key, value] of Object.entries(request.query)) {
    if (Array.isArray(value)) repeated.push({ name: key, reason: "must be given once" });
    else if (typeof value === "string") input[key] = value;
  }
  if (repeated.length > 0)
    throw Errors.validation(
      repeated.map((f) => `${f.name} ${f.reason}`),
      repeated,
    );
  return checkObject(schema, input, "Unknown query parameters are not allowed");
}

function checkObject<S extends BodySchema>(schema: S, input: object, unknownMessage: string): v.InferOutput<S> {
  const fields: FieldError[] = [];
  const messages: string[] = [];
  for (const key of Object.keys(input).filter((k) => !Object.hasOwn(schema.entries, k))) {
    messages.push(`${unknownMessage} (${key} was unexpected)`);
    fields.push({ name: key, reason: "is not a known field" });
  }
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (!result.success) {
    for (const issue of result.issues) {
      messages.push(describeIssue(issue));
      fields.push(fieldError(issue));
    }
  }
  if (messages.length > 0 || !result.success) throw Errors.validation(messages, fields);
  return result.output;
}

function fieldError(issue: v.BaseIssue<unknown>): FieldError {
  const name = issue.path?.map((p) => String(p.key)).join(".") ?? "";
  const message = describeIssue(issue);
  return { name, reason: name && message.startsWith(`${name} `) ? message.slice(name.length + 1) : message };
}

/** A path parameter (itty-router has already URL-decoded it); "" when absent. */
export function pathParam(request: AppRequest, name: string): string {
  const value: unknown = request.params[name];
  return typeof value === "string" ? value : "";
}
