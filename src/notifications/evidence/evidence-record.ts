/**
 * The evidence of one notification as a plain object: what was sent (channel, template version,
 * subject and body as rendered and stored), to whom (the recipient as the caller gave it), when,
 * through which provider, who sent it (the API key, or the bulk job), the link to a fallback, and
 * every status change. Under the Wmebv the organisation must be able to prove delivery, and the
 * citizen may ask for these facts; they exist only within the service's retention period.
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/database";
import { apiKeys, jobs, notifications, organisations, services, templateVersions } from "../../db/schema";
import type { HistoryEntry } from "./status-history";

export interface EvidenceRecord {
  id: string;
  channel: "sms" | "email";
  template: { id: string; version: number; name: string | null };
  /** The recipient exactly as the caller sent it. */
  to: string;
  subject: string | null;
  body: string;
  reference: string | null;
  /** SMS: the sender text; email: the reply-to address. */
  senderText: string | null;
  status: string;
  attempt: number;
  createdAt: number;
  sentAt: number | null;
  completedAt: number | null;
  provider: string | null;
  providerReference: string | null;
  /** On the original: its fallback; on a fallback: the original. */
  fallbackNotificationId: string | null;
  fallbackOf: string | null;
  sentBy: {
    keyType: "normal" | "team" | "test";
    /** Null when the key row is gone or the notification was made without one. */
    apiKey: { id: string; name: string } | null;
    job: { id: string; name: string } | null;
  };
  history: HistoryEntry[];
}

/** Who the evidence is about and where it comes from: the same for every record of an export. */
export interface EvidenceHeader {
  generatedAt: number;
  /** The deployment's origin, e.g. https://notifynl.example. */
  deployment: string;
  /** retentionDays: how long the service keeps notifications, so how far back an export can reach. */
  service: { id: string; name: string; retentionDays: number };
  organisation: { id: string; name: string };
}

/**
 * A column under its own alias: D1 returns a batch's rows keyed by column name, so the `name`
 * columns of two joined tables would otherwise overwrite each other.
 */
function named<T extends string | null>(column: SQLiteColumn, alias: string) {
  return sql<T>`${column}`.as(alias);
}

/** The notifications of `serviceId` matching `which`, with their key, job and template version names. */
export function evidenceRowsQuery(db: Db, serviceId: string, which: SQL | undefined) {
  return (
    db
      .select({
        notification: notifications,
        apiKeyName: named(apiKeys.name, "api_key_name"),
        jobName: named(jobs.name, "job_name"),
        templateName: named(templateVersions.name, "template_name"),
      })
      .from(notifications)
      // Each join also requires the same service, so a stray id can never show another tenant's names.
      .leftJoin(apiKeys, and(eq(apiKeys.id, notifications.apiKeyId), eq(apiKeys.serviceId, notifications.serviceId)))
      .leftJoin(jobs, and(eq(jobs.id, notifications.jobId), eq(jobs.serviceId, notifications.serviceId)))
      .leftJoin(
        templateVersions,
        and(
          eq(templateVersions.templateId, notifications.templateId),
          eq(templateVersions.version, notifications.templateVersion),
          eq(templateVersions.serviceId, notifications.serviceId),
        ),
      )
      .where(and(eq(notifications.serviceId, serviceId), which))
  );
}

export type EvidenceRow = Awaited<ReturnType<typeof evidenceRowsQuery>>[number];

/** The service and organisation names for the header. */
export function headerQuery(db: Db, serviceId: string) {
  return db
    .select({
      serviceName: named<string>(services.name, "service_name"),
      retentionDays: services.retentionDays,
      organisationId: named<string>(organisations.id, "organisation_id"),
      organisationName: named<string>(organisations.name, "organisation_name"),
    })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(eq(services.id, serviceId));
}

export function evidenceHeader(
  serviceId: string,
  names: { serviceName: string; retentionDays: number; organisationId: string; organisationName: string } | undefined,
  origin: string,
  now: number,
): EvidenceHeader {
  return {
    generatedAt: now,
    deployment: origin,
    service: { id: serviceId, name: names?.serviceName ?? "", retentionDays: names?.retentionDays ?? 0 },
    organisation: { id: names?.organisationId ?? "", name: names?.organisationName ?? "" },
  };
}

export function evidenceRecord(row: EvidenceRow, history: HistoryEntry[]): EvidenceRecord {
  const n = row.notification;
  return {
    id: n.id,
    channel: n.notificationType,
    template: { id: n.templateId, version: n.templateVersion, name: row.templateName },
    to: n.to,
    subject: n.notificationType === "email" ? n.subject : null,
    body: n.body,
    reference: n.reference,
    senderText: n.senderText,
    status: n.status,
    attempt: n.attempt,
    createdAt: n.createdAt,
    sentAt: n.sentAt,
    completedAt: n.completedAt,
    provider: n.provider,
    providerReference: n.providerReference,
    fallbackNotificationId: n.fallbackNotificationId,
    fallbackOf: n.fallbackOf,
    sentBy: {
      keyType: n.keyType,
      apiKey: n.apiKeyId && row.apiKeyName !== null ? { id: n.apiKeyId, name: row.apiKeyName } : null,
      job: n.jobId && row.jobName !== null ? { id: n.jobId, name: row.jobName } : null,
    },
    history,
  };
}
