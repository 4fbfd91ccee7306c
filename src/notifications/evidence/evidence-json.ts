/**
 * The JSON form of the status history and the evidence exports, the same in the public API
 * (/v2/notifications/{id}/history, …/evidence, /v2/evidence) and the admin API: snake_case fields
 * and Notify's timestamp format (UTC, microseconds), as in every other body of both APIs. The
 * valibot schemas describe the bodies for both OpenAPI documents.
 */
import * as v from "valibot";
import { formatTimestamp } from "../../lib/time";
import type { EvidenceHeader, EvidenceRecord } from "./evidence-record";
import type { NotificationEvidence } from "./load-notification-evidence";
import type { RecipientEvidence } from "./load-recipient-evidence";
import type { HistoryEntry } from "./status-history";

const id = v.pipe(v.string(), v.uuid());
const nullableString = v.nullable(v.string());
const timestamp = v.pipe(v.string(), v.description("UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ"));
const named = v.object({ id, name: v.string() });

export const HistoryEntryBody = v.object({
  at: timestamp,
  attempt: v.pipe(v.number(), v.description("1, or 2 for the second attempt of the same notification")),
  from_status: v.pipe(nullableString, v.description("null for the first entry (the notification was stored)")),
  to_status: v.string(),
  source: v.pipe(nullableString, v.description("Who made the change: api, bulk, dispatch, provider, retry, fallback, cron, …")),
  provider: nullableString,
  provider_status: v.pipe(nullableString, v.description("The provider's own code, e.g. CM.com status/error code")),
  detail: v.pipe(nullableString, v.description("The provider's description, if any")),
});

export const HistoryBody = v.object({ notification_id: id, history: v.array(HistoryEntryBody) });

export const EvidenceRecordBody = v.object({
  id,
  type: v.picklist(["sms", "email"]),
  template: v.object({ id, version: v.number(), name: nullableString }),
  to: v.pipe(v.string(), v.description("The recipient exactly as it was sent")),
  subject: nullableString,
  body: v.pipe(v.string(), v.description("The message as rendered: the SMS text, or the email's markdown with the values filled in")),
  reference: nullableString,
  sender: v.pipe(nullableString, v.description("SMS: the sender; email: the reply-to address")),
  status: v.string(),
  attempt: v.number(),
  created_at: timestamp,
  sent_at: v.nullable(timestamp),
  completed_at: v.nullable(timestamp),
  provider: nullableString,
  provider_reference: nullableString,
  fallback_notification_id: v.pipe(nullableString, v.description("The fallback sent after this one failed")),
  fallback_of: v.pipe(nullableString, v.description("The notification this one is the fallback of")),
  sent_by: v.object({
    key_type: v.picklist(["normal", "team", "test"]),
    api_key: v.nullable(named),
    job: v.pipe(v.nullable(named), v.description("The bulk job, for a notification of a job")),
  }),
  history: v.array(HistoryEntryBody),
});

const header = {
  generated_at: timestamp,
  deployment: v.pipe(v.string(), v.description("The deployment that made this export")),
  organisation: named,
  service: v.object({ id, name: v.string(), retention_days: v.pipe(v.number(), v.description("How long the service keeps messages")) }),
};

export const NotificationEvidenceBody = v.object({ ...header, notification: EvidenceRecordBody });

export const RecipientEvidenceBody = v.object({
  ...header,
  recipient: v.object({ type: v.picklist(["sms", "email"]), normalised: v.string() }),
  notifications: v.pipe(v.array(EvidenceRecordBody), v.description("Newest first")),
  limit: v.number(),
  truncated: v.boolean(),
  note: v.pipe(nullableString, v.description("Set when the export was cut at `limit` notifications")),
});

export function historyEntryJson(entry: HistoryEntry): v.InferOutput<typeof HistoryEntryBody> {
  return {
    at: formatTimestamp(entry.at),
    attempt: entry.attempt,
    from_status: entry.fromStatus,
    to_status: entry.toStatus,
    source: entry.source,
    provider: entry.provider,
    provider_status: entry.providerStatus,
    detail: entry.detail,
  };
}

export function historyJson(notificationId: string, history: readonly HistoryEntry[]): v.InferOutput<typeof HistoryBody> {
  return { notification_id: notificationId, history: history.map(historyEntryJson) };
}

function recordJson(record: EvidenceRecord): v.InferOutput<typeof EvidenceRecordBody> {
  return {
    id: record.id,
    type: record.channel,
    template: record.template,
    to: record.to,
    subject: record.subject,
    body: record.body,
    reference: record.reference,
    sender: record.senderText,
    status: record.status,
    attempt: record.attempt,
    created_at: formatTimestamp(record.createdAt),
    sent_at: formatTimestamp(record.sentAt),
    completed_at: formatTimestamp(record.completedAt),
    provider: record.provider,
    provider_reference: record.providerReference,
    fallback_notification_id: record.fallbackNotificationId,
    fallback_of: record.fallbackOf,
    sent_by: { key_type: record.sentBy.keyType, api_key: record.sentBy.apiKey, job: record.sentBy.job },
    history: record.history.map(historyEntryJson),
  };
}

function headerJson(evidence: EvidenceHeader) {
  return {
    generated_at: formatTimestamp(evidence.generatedAt),
    deployment: evidence.deployment,
    organisation: evidence.organisation,
    service: { id: evidence.service.id, name: evidence.service.name, retention_days: evidence.service.retentionDays },
  };
}

export function notificationEvidenceJson(evidence: NotificationEvidence): v.InferOutput<typeof NotificationEvidenceBody> {
  return { ...headerJson(evidence), notification: recordJson(evidence.record) };
}

export function recipientEvidenceJson(evidence: RecipientEvidence): v.InferOutput<typeof RecipientEvidenceBody> {
  return {
    ...headerJson(evidence),
    recipient: { type: evidence.recipient.channel, normalised: evidence.recipient.normalised },
    notifications: evidence.records.map(recordJson),
    limit: evidence.limit,
    truncated: evidence.truncated,
    note: evidence.truncated ? `Only the newest ${evidence.limit} notifications are included; older ones were left out.` : null,
  };
}
