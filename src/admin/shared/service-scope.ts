/**
 * The optional `?organisationId=` scope of service routes: with it, a service of another organisation
 * is a 404, so an administrator working for one organisation cannot act on another's by a wrong id.
 */
import * as v from "valibot";
import type { AppRequest } from "../../http/app-request";
import { findService, type ServiceRow } from "./lookup";
import { pathParam } from "./request";

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

/** The service named by the path's `service_id`, within the `?organisationId=` scope if given; 404 otherwise. */
export function scopedService(request: AppRequest): Promise<ServiceRow> {
  return findService(request.services.db, pathParam(request, "service_id"), organisationScope(request));
}
