/**
 * Changing a service's settings. Only fields whose value really changes are written, with a new
 * updated_at; a request that changes nothing returns the service as it is and writes no audit row.
 *
 * Audit: each fact once, all rows in the change's batch, details {field: {from, to}}:
 *  - `service.go_live`  restricted true → false (trial mode ends);
 *  - `service.suspend`  active true → false (every API key refused, queued messages fail);
 *  - `service.resume`   active false → true;
 *  - `service.update`   every other changed field (including restricted false → true), if any.
 * So `action IN ('service.go_live', 'service.suspend', 'service.resume')` finds the lifecycle events,
 * and target_id = the service id finds every change.
 *
 * Concurrent updates of one service: the last write wins; each audit row's `from` is what its own
 * request read.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { services } from "../../db/schema";
import { type AuditAction, auditInsert, type ChangeMeta } from "../audit";
import { runUniqueBatch } from "../shared/batch";
import { changedFields, type FieldChanges, requireSomeField } from "../shared/changes";
import type { ServiceRow } from "../shared/lookup";
import { duplicateServiceName, type NewService } from "./create-service";
import { type ServiceObject, serviceObject } from "./service-object";

export type ServiceChanges = Partial<Omit<NewService, "organisation_id">> & { active?: boolean | undefined };

/** API field → column, for every field PATCH may change. */
const COLUMNS = {
  name: "name",
  restricted: "restricted",
  active: "active",
  sms_sender: "smsSender",
  email_from: "emailFrom",
  rate_limit: "rateLimit",
  sms_daily_limit: "smsDailyLimit",
  email_daily_limit: "emailDailyLimit",
  retention_days: "retentionDays",
  permissions: "permissions",
  retry_sms: "retrySms",
  retry_email: "retryEmail",
  retry_after_seconds: "retryAfterSeconds",
  callback_history: "callbackHistory",
} as const satisfies Record<keyof ServiceChanges, keyof ServiceRow>;
const EDITABLE = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];

export async function updateService(db: Db, current: ServiceRow, changes: ServiceChanges, meta: ChangeMeta): Promise<ServiceObject> {
  requireSomeField(changes);
  const changed = changedFields(serviceObject(current), { ...changes, permissions: permissionsOf(current, changes) }, EDITABLE);
  if (Object.keys(changed).length === 0) return serviceObject(current);
  const name = changes.name ?? current.name;
  if (changed.name && (await nameTaken(db, current, name))) throw duplicateServiceName(name);

  const set: Partial<ServiceRow> = { updatedAt: meta.at };
  for (const field of EDITABLE) if (changed[field]) Object.assign(set, { [COLUMNS[field]]: changed[field].to });
  const next: ServiceRow = { ...current, ...set };
  const audit = (action: AuditAction, details: FieldChanges) =>
    auditInsert(db, meta, {
      action,
      organisationId: current.organisationId,
      serviceId: current.id,
      targetType: "service",
      targetId: current.id,
      details,
    });
  const { restricted, active, ...others } = changed;
  const lifecycle = [
    ...(restricted?.to === false ? [audit("service.go_live", { restricted })] : []),
    ...(active ? [audit(active.to ? "service.resume" : "service.suspend", { active })] : []),
  ];
  const rest = restricted?.to === true ? { restricted, ...others } : others;
  await runUniqueBatch(
    db,
    [
      db.update(services).set(set).where(eq(services.id, current.id)),
      ...lifecycle,
      ...(Object.keys(rest).length > 0 ? [audit("service.update", rest)] : []),
    ],
    () => duplicateServiceName(name),
  );
  return serviceObject(next);
}

/** Permissions are a set: duplicates dropped, and the same set in another order is no change. */
function permissionsOf(current: ServiceRow, changes: ServiceChanges): string[] | undefined {
  if (changes.permissions === undefined) return undefined;
  const wanted = [...new Set(changes.permissions)];
  const same = wanted.length === current.permissions.length && wanted.every((p) => current.permissions.includes(p));
  return same ? current.permissions : wanted;
}

/** Names are unique within the organisation, case-insensitively; the service's own name does not count. */
async function nameTaken(db: Db, current: ServiceRow, name: string): Promise<boolean> {
  const row = await db
    .select({ id: services.id })
    .from(services)
    .where(
      and(eq(services.organisationId, current.organisationId), sql`lower(${services.name}) = lower(${name})`, ne(services.id, current.id)),
    )
    .get();
  return row !== undefined;
}
