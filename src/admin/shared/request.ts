/** What every admin handler needs from the request: change metadata, a validated body, path ids. */
import * as v from "valibot";
import { Errors } from "../../errors";
import type { AppRequest } from "../../http/app-request";
import { readJsonBody } from "../../http/body";
import { describeIssue } from "../../http/validation";
import type { ChangeMeta } from "../audit";

/** The audit actor of the admin API: one shared token, so one actor. */
export const ADMIN_ACTOR = "admin";

export function adminMeta(request: AppRequest): ChangeMeta {
  return { actor: ADMIN_ACTOR, requestId: request.requestId ?? null, at: request.services.clock.now() };
}

type BodySchema = v.ObjectSchema<v.ObjectEntries, undefined>;

/**
 * Reads the JSON body within MAX_BODY_BYTES and validates it against a `v.object` schema. Unknown
 * fields are refused (a typo such as `restriced` must not silently fall back to a default), with
 * every problem listed in one 400 ValidationError. The unknown-field check is done here, not with
 * v.strictObject, because valibot reports a missing key of a strict object like an unexpected one.
 */
export async function readBody<S extends BodySchema>(request: AppRequest, schema: S): Promise<v.InferOutput<S>> {
  const input = await readJsonBody(request, request.services.config.MAX_BODY_BYTES);
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw Errors.validation(["Request body must be a JSON object"]);
  }
  const messages = Object.keys(input)
    .filter((key) => !Object.hasOwn(schema.entries, key))
    .map((key) => `Additional properties are not allowed (${key} was unexpected)`);
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (!result.success) messages.push(...result.issues.map(describeIssue));
  if (messages.length > 0 || !result.success) throw Errors.validation(messages);
  return result.output;
}

/** A path parameter (itty-router has already URL-decoded it); "" when absent. */
export function pathParam(request: AppRequest, name: string): string {
  const value: unknown = request.params[name];
  return typeof value === "string" ? value : "";
}

/** The optional `?organisation_id=` scope of service routes. */
export function organisationScope(request: AppRequest): string | undefined {
  const value: unknown = request.query.organisation_id;
  if (value === undefined) return undefined;
  // Given twice or empty, the guard would otherwise be skipped: refuse instead of widening the scope.
  if (typeof value !== "string" || value === "") throw Errors.validation(["organisation_id must be given once, with a value"]);
  return value;
}
