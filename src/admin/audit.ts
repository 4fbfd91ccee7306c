/**
 * The admin audit trail: one audit_log row per change, written in the same D1 batch as the change
 * itself, so a change is never stored without its audit row (or the other way round).
 * Details never hold secrets or personal data (no keys, tokens, email addresses or phone numbers).
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/database";
import { auditLog } from "../db/schema";

/** Who changed something, and when; handlers build it from the request (see adminMeta). */
export interface ChangeMeta {
  actor: string;
  requestId: string | null;
  /** Epoch milliseconds, also used as the changed rows' timestamps. */
  at: number;
}

export type AuditAction =
  | "organisation.create"
  | "service.create"
  | "api_key.create"
  | "api_key.revoke"
  | "template.create"
  | "template.update"
  | "template.archive"
  | "template.unarchive"
  | "sms_sender.create"
  | "email_reply_to.create"
  | "team_member.create"
  | "team_member.delete"
  | "callback.set";

export interface AuditEntry {
  action: AuditAction;
  organisationId: string | null;
  serviceId: string | null;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/** The insert for one audit row, to be put in the change's batch. */
export function auditInsert(db: Db, meta: ChangeMeta, entry: AuditEntry): BatchItem<"sqlite"> {
  return db.insert(auditLog).values({
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
  });
}
