/**
 * The optional `?organisationId=` scope of service routes: with it, a service of another organisation
 * is a 404, so an administrator working for one organisation cannot act on another's by a wrong id.
 */
import * as v from "valibot";
import type { AppRequest } from "../../http/app-request";

/** Query entries every service-scoped operation accepts (readQuery has validated them). */
export const serviceScopeQuery = {
  organisationId: v.optional(
    v.pipe(v.string(), v.minLength(1, "must not be empty"), v.maxLength(64, "must be at most 64 characters long")),
  ),
};

export function organisationScope(request: AppRequest): string | undefined {
  const value: unknown = request.query.organisationId;
  return typeof value === "string" ? value : undefined;
}
