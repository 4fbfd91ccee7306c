/**
 * Creating a service with the deployment's defaults. A new service starts in trial mode
 * (`restricted: true`), as in GOV.UK Notify: it can only send to its team members until an
 * administrator creates it (or, later, marks it) as live with `restricted: false`.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Config } from "../../config";
import type { Db } from "../../db/database";
import { services } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsert, type ChangeMeta } from "../audit";
import { runUniqueBatch } from "../shared/batch";
import { findOrganisation, type ServiceRow } from "../shared/lookup";
import { type ServiceObject, serviceObject } from "./service-object";

export const SERVICE_PERMISSIONS = ["sms", "email", "international_sms"] as const;
export type ServicePermission = (typeof SERVICE_PERMISSIONS)[number];

export const DEFAULT_SMS_SENDER = "NOTIFYNL";
export const DEFAULT_PERMISSIONS: readonly ServicePermission[] = ["sms", "email"];

export type ServiceDefaults = Pick<
  Config,
  "DEFAULT_RATE_LIMIT" | "DEFAULT_SMS_DAILY_LIMIT" | "DEFAULT_EMAIL_DAILY_LIMIT" | "DEFAULT_RETENTION_DAYS" | "EMAIL_DOMAIN"
>;

export interface NewService {
  organisation_id: string;
  name: string;
  restricted?: boolean | undefined;
  sms_sender?: string | undefined;
  email_from?: string | undefined;
  rate_limit?: number | undefined;
  sms_daily_limit?: number | undefined;
  email_daily_limit?: number | undefined;
  retention_days?: number | undefined;
  permissions?: ServicePermission[] | undefined;
  retry_sms?: boolean | undefined;
  retry_email?: boolean | undefined;
  retry_after_seconds?: number | null | undefined;
  callback_history?: boolean | undefined;
}

export async function createService(db: Db, defaults: ServiceDefaults, input: NewService, meta: ChangeMeta): Promise<ServiceObject> {
  const organisation = await findOrganisation(db, input.organisation_id);
  const duplicate = await db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.organisationId, organisation.id), sql`lower(${services.name}) = lower(${input.name})`))
    .get();
  if (duplicate) throw duplicateServiceName(input.name);

  const row: ServiceRow = {
    id: crypto.randomUUID(),
    organisationId: organisation.id,
    name: input.name,
    restricted: input.restricted ?? true,
    active: true,
    smsSender: input.sms_sender ?? DEFAULT_SMS_SENDER,
    emailFrom: input.email_from ?? `${emailLocalPart(input.name)}@${defaults.EMAIL_DOMAIN}`,
    rateLimit: input.rate_limit ?? defaults.DEFAULT_RATE_LIMIT,
    smsDailyLimit: input.sms_daily_limit ?? defaults.DEFAULT_SMS_DAILY_LIMIT,
    emailDailyLimit: input.email_daily_limit ?? defaults.DEFAULT_EMAIL_DAILY_LIMIT,
    retentionDays: input.retention_days ?? defaults.DEFAULT_RETENTION_DAYS,
    retrySms: input.retry_sms ?? true,
    retryEmail: input.retry_email ?? false,
    retryAfterSeconds: input.retry_after_seconds ?? null,
    callbackHistory: input.callback_history ?? false,
    permissions: [...new Set(input.permissions ?? DEFAULT_PERMISSIONS)],
    createdAt: meta.at,
    updatedAt: meta.at,
  };
  await runUniqueBatch(
    db,
    [
      db.insert(services).values(row),
      auditInsert(db, meta, {
        action: "service.create",
        organisationId: organisation.id,
        serviceId: row.id,
        targetType: "service",
        targetId: row.id,
        // The settings as the API shows them; ids and times are on the audit row itself.
        details: settingsOf(serviceObject(row)),
      }),
    ],
    () => duplicateServiceName(input.name),
  );
  return serviceObject(row);
}

function settingsOf(service: ServiceObject): Record<string, unknown> {
  const { id: _id, organisation_id: _org, active: _active, created_at: _created, updated_at: _updated, ...settings } = service;
  return settings;
}

/** "Parkeervergunningen Den Haag" → "parkeervergunningen.den.haag" (Notify's email_from). */
export function emailLocalPart(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, ".")
    .replace(/[^a-z0-9._-]/g, "")
    .replace(/\.{2,}/g, ".")
    .replace(/^[.]+|[.]+$/g, "");
  return slug || "service";
}

/** The 400 for a name another service of the organisation has (also used when renaming). */
export function duplicateServiceName(name: string) {
  return Errors.badRequest(`A service named '${name}' already exists in this organisation`);
}
