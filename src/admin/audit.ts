/**
 * The admin audit trail: one audit_log row per change, written in the same D1 batch as the change
 * itself, so a change is never stored without its audit row (or the other way round).
 * Details never hold secrets or personal data (no keys, tokens, email addresses or phone numbers).
 */
import type { SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/database";
import { insertIf } from "../db/insert-if";
import { auditLog } from "../db/schema";

/**
 * Actors that are not an administrator's credential: the bootstrap ADMIN_TOKEN, a citizen's STOP or
 * START text, and the shared token of the rows written before named credentials. No credential may
 * take one of these names, or its audit rows could pass for theirs.
 */
export const SYSTEM_ACTORS = { bootstrap: "bootstrap", inboundSms: "inbound-sms", legacyToken: "admin" } as const;

/** Who changed something, and when; handlers build it from the request (see adminMeta). */
export interface ChangeMeta {
  actor: string;
  requestId: string | null;
  /** Epoch milliseconds, also used as the changed rows' timestamps. */
  at: number;
}

export type AuditAction =
  | "organisation.create"
  | "organisation.update"
  | "service.create"
  /** Settings changed, {field: {from, to}}; go-live, suspension and resumption have their own actions. */
  | "service.update"
  /** restricted true → false: the trial ends (update-service.ts). */
  | "service.go_live"
  /** active true → false: every API key is refused. */
  | "service.suspend"
  /** active false → true. */
  | "service.resume"
  | "api_key.create"
  | "api_key.revoke"
  | "template.create"
  | "template.update"
  | "template.archive"
  | "template.unarchive"
  | "sms_sender.create"
  | "sms_sender.update"
  | "sms_sender.delete"
  | "email_reply_to.create"
  | "email_reply_to.update"
  | "email_reply_to.delete"
  | "team_member.create"
  | "team_member.delete"
  /** A recipient put on a service's suppression list: by an administrator, or by an inbound STOP (actor inbound-sms). */
  | "suppression.create"
  /** Taken off it again: by an administrator, or by an inbound START. */
  | "suppression.delete"
  | "callback.set"
  | "callback.delete"
  | "admin_credential.create"
  | "admin_credential.revoke"
  | "admin_credential.update"
  /** Console accounts (src/console/accounts/); the actor is the user's email address, or the inviter's. */
  | "user.invite"
  | "user.invitation_cancel"
  | "user.invitation_accept"
  | "user.sign_in"
  /** A wrong password or code for an existing account; `locked: true` when this attempt locked it. */
  | "user.sign_in_failed"
  | "user.sign_out"
  | "user.sign_out_everywhere"
  | "user.password_reset_request"
  | "user.password_reset"
  /** A wrong authenticator code on the password reset form; counts as a failed sign-in (`locked` as there). */
  | "user.password_reset_failed"
  | "user.permissions_update"
  | "user.remove";

export interface AuditEntry {
  action: AuditAction;
  organisationId: string | null;
  serviceId: string | null;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/** Every column given, so the same row serves a plain and a conditional insert. */
type AuditRow = typeof auditLog.$inferSelect;

function auditRow(meta: ChangeMeta, entry: AuditEntry): AuditRow {
  return {
    id: crypto.randomUUID(),
    at: meta.at,
    actor: meta.actor,
    action: entry.action,
    organisationId: entry.organisationId,
    serviceId: entry.serviceId,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? null,
    requestId: meta.requestId,
  };
}

/** The insert for one audit row, to be put in the change's batch. */
export function auditInsert(db: Db, meta: ChangeMeta, entry: AuditEntry): BatchItem<"sqlite"> {
  return db.insert(auditLog).values(auditRow(meta, entry));
}

/**
 * The audit row of a change that may not happen (a conditional UPDATE): written only while
 * `condition` holds. Put it in the batch just before the change, guarded by the same condition.
 * A D1 batch is one transaction and this insert changes nothing the condition reads, so both
 * statements see the same state: the change and its audit row are stored together or not at all.
 */
export function auditInsertIf(db: Db, meta: ChangeMeta, entry: AuditEntry, condition: SQL): BatchItem<"sqlite"> {
  return insertIf(db, auditLog, auditRow(meta, entry), condition);
}
