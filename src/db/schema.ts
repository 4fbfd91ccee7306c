/**
 * The D1 data model (drizzle). Every table is documented in docs/storage-schema.md.
 * Times are integer milliseconds since the epoch (UTC); the API formats them as Notify does.
 * Personal data (recipients, bodies, personalisation) lives only in `notifications`,
 * `received_texts` and `job_chunks`, and is purged after the service's retention period.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;
const createdAt = () => integer("created_at").notNull().default(now);

export const organisations = sqliteTable(
  "organisations",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Messages per minute this organisation's OrgGate hands to the providers; null = deployment default. */
    sendRatePerMinute: integer("send_rate_per_minute"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("organisations_name_unique").on(t.name)],
);

export const services = sqliteTable(
  "services",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    /** Trial mode: may only send to team members (Notify's `restricted`). */
    restricted: integer("restricted", { mode: "boolean" }).notNull().default(true),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Default SMS sender (alphanumeric, max 11) when the service has no sms_senders rows. */
    smsSender: text("sms_sender").notNull(),
    /** Full From address for email. */
    emailFrom: text("email_from").notNull(),
    rateLimit: integer("rate_limit").notNull(),
    smsDailyLimit: integer("sms_daily_limit").notNull(),
    emailDailyLimit: integer("email_daily_limit").notNull(),
    retentionDays: integer("retention_days").notNull(),
    /** JSON array of permissions: "sms", "email", "international_sms". */
    permissions: text("permissions", { mode: "json" }).$type<string[]>().notNull(),
    /** Wmebv: send a failed SMS / email once more (src/notifications/second-attempt.ts); a template may override. */
    retrySms: integer("retry_sms", { mode: "boolean" }).notNull().default(true),
    retryEmail: integer("retry_email", { mode: "boolean" }).notNull().default(false),
    /** Seconds before the second attempt; null = the deployment's RETRY_FAILED_AFTER_SECONDS. */
    retryAfterSeconds: integer("retry_after_seconds"),
    /** Delivery-status callbacks carry the status history as an extra `history` field. */
    callbackHistory: integer("callback_history", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("services_org_name_unique").on(t.organisationId, t.name)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    name: text("name").notNull(),
    keyType: text("key_type", { enum: ["normal", "team", "test"] }).notNull(),
    /** AES-GCM ciphertext (base64 of iv || ciphertext) of the secret, under KEY_ENCRYPTION_KEY. */
    secretEncrypted: text("secret_encrypted").notNull(),
    createdAt: createdAt(),
    /** Set when revoked (Notify's expiry_date); a revoked key never authenticates again. */
    revokedAt: integer("revoked_at"),
    /** When the key last authenticated (written behind, so it may lag); null = never. */
    lastUsedAt: integer("last_used_at"),
  },
  // Names are unique among a service's active keys; a revoked key's name may be used again (as in Notify).
  (t) => [
    uniqueIndex("api_keys_service_active_name_unique").on(t.serviceId, t.name).where(sql`revoked_at IS NULL`),
    index("api_keys_service").on(t.serviceId),
  ],
);

export const templates = sqliteTable(
  "templates",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    name: text("name").notNull(),
    type: text("type", { enum: ["sms", "email"] }).notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    /** Delivery lane for messages from this template. */
    priority: text("priority", { enum: ["priority", "normal", "bulk"] })
      .notNull()
      .default("normal"),
    version: integer("version").notNull().default(1),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
    /** Second attempt after a failure: null = the service's setting for the channel. */
    retryFailed: integer("retry_failed", { mode: "boolean" }),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at"),
  },
  (t) => [index("templates_service").on(t.serviceId)],
);

/** Immutable copy of every template version; notifications point at (template_id, version). */
export const templateVersions = sqliteTable(
  "template_versions",
  {
    templateId: text("template_id")
      .notNull()
      .references(() => templates.id),
    version: integer("version").notNull(),
    serviceId: text("service_id").notNull(),
    name: text("name").notNull(),
    type: text("type", { enum: ["sms", "email"] }).notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    priority: text("priority", { enum: ["priority", "normal", "bulk"] }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.version] })],
);

export const smsSenders = sqliteTable(
  "sms_senders",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    smsSender: text("sms_sender").notNull(),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    /** An inbound number: CM.com routes replies to this number to this service. */
    inboundNumber: integer("inbound_number", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("sms_senders_service").on(t.serviceId),
    // Replies to an inbound number go to one service only; two admin requests cannot both register it.
    uniqueIndex("sms_senders_inbound_number_unique").on(t.smsSender).where(sql`inbound_number = 1`),
  ],
);

export const emailReplyTo = sqliteTable(
  "email_reply_to",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    emailAddress: text("email_address").notNull(),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("email_reply_to_service").on(t.serviceId)],
);

export const teamMembers = sqliteTable(
  "team_members",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    /** Lower-cased email address. */
    emailAddress: text("email_address"),
    /** E.164 phone number, e.g. +31612345678. */
    phoneNumber: text("phone_number"),
    createdAt: createdAt(),
  },
  (t) => [index("team_members_service").on(t.serviceId)],
);

export const serviceCallbacks = sqliteTable(
  "service_callbacks",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    callbackType: text("callback_type", { enum: ["delivery_status", "inbound_sms"] }).notNull(),
    url: text("url").notNull(),
    /** AES-GCM ciphertext of the bearer token, under KEY_ENCRYPTION_KEY. */
    bearerTokenEncrypted: text("bearer_token_encrypted").notNull(),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("service_callbacks_type_unique").on(t.serviceId, t.callbackType)],
);

export const NOTIFICATION_STATUSES = [
  "created",
  "sending",
  "sent",
  "pending",
  "delivered",
  "temporary-failure",
  "permanent-failure",
  "technical-failure",
  "cancelled",
] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id").notNull(),
    organisationId: text("organisation_id").notNull(),
    templateId: text("template_id").notNull(),
    templateVersion: integer("template_version").notNull(),
    notificationType: text("notification_type", { enum: ["sms", "email"] }).notNull(),
    keyType: text("key_type", { enum: ["normal", "team", "test"] }).notNull(),
    apiKeyId: text("api_key_id"),
    jobId: text("job_id"),
    jobRowNumber: integer("job_row_number"),
    /** Recipient as submitted (Notify echoes it back). */
    to: text("to").notNull(),
    /** Normalised recipient: E.164 for SMS, lower-case for email. */
    normalisedTo: text("normalised_to").notNull(),
    international: integer("international", { mode: "boolean" }).notNull().default(false),
    personalisation: text("personalisation", { mode: "json" }).$type<Record<string, unknown>>(),
    /** Rendered content: SMS text, or the email's markdown with values filled in. */
    body: text("body").notNull(),
    subject: text("subject"),
    reference: text("reference"),
    /** SMS: the sender text; email: the reply-to address. */
    senderText: text("sender_text"),
    oneClickUnsubscribeUrl: text("one_click_unsubscribe_url"),
    lane: text("lane", { enum: ["priority", "normal", "bulk"] }).notNull(),
    status: text("status", { enum: NOTIFICATION_STATUSES }).notNull().default("created"),
    billableUnits: integer("billable_units").notNull().default(0),
    provider: text("provider"),
    providerReference: text("provider_reference"),
    providerResponse: text("provider_response"),
    /** When a dispatch consumer claimed the row for sending; stale claims are re-claimed. */
    claimedAt: integer("claimed_at"),
    sendAttempts: integer("send_attempts").notNull().default(0),
    /** 1, or 2 once a failed first attempt is being sent again (the same notification, Wmebv). */
    attempt: integer("attempt").notNull().default(1),
    /**
     * Who made the latest status change (api, bulk, dispatch, provider, retry, fallback, cron, api-cancel,
     * dead-letter); with provider_status, copied into notification_events by the status triggers.
     */
    statusSource: text("status_source"),
    /** The provider's own status of the latest change, e.g. CM "3/7" (status/error code). */
    providerStatus: text("provider_status"),
    /** Extension: where to send the fallback after a final failure, and with which template. */
    fallbackTo: text("fallback_to"),
    fallbackTemplateId: text("fallback_template_id"),
    /** Set on the original once its fallback exists; on the fallback, the original's id. */
    fallbackNotificationId: text("fallback_notification_id"),
    fallbackOf: text("fallback_of"),
    scheduledFor: integer("scheduled_for"),
    createdAt: createdAt(),
    sentAt: integer("sent_at"),
    completedAt: integer("completed_at"),
    updatedAt: integer("updated_at"),
  },
  (t) => [
    index("notifications_service_created").on(t.serviceId, t.createdAt),
    index("notifications_status_created").on(t.status, t.createdAt),
    // Partial indexes: most rows are API sends without a job or schedule, and skip these on insert.
    index("notifications_job").on(t.jobId, t.jobRowNumber).where(sql`job_id IS NOT NULL`),
    index("notifications_scheduled").on(t.scheduledFor).where(sql`scheduled_for IS NOT NULL`),
    // The fallback cron's work list: failed originals whose fallback is still to be made.
    index("notifications_fallback_due").on(t.updatedAt).where(sql`fallback_to IS NOT NULL AND fallback_notification_id IS NULL`),
  ],
);

/**
 * The status history of every notification (Wmebv evidence): one row per transition, written by
 * the triggers of migrations/0006 (on insert, on a status change, and deleted with the notification),
 * so no code path can change a status without leaving its trace. Times are the notification's
 * updated_at of the change.
 */
export const notificationEvents = sqliteTable(
  "notification_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    notificationId: text("notification_id").notNull(),
    serviceId: text("service_id").notNull(),
    at: integer("at").notNull(),
    attempt: integer("attempt").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    source: text("source"),
    provider: text("provider"),
    providerStatus: text("provider_status"),
    /** The provider's description (provider_response), at most 500 characters. */
    detail: text("detail"),
  },
  (t) => [index("notification_events_notification").on(t.notificationId, t.id)],
);

/**
 * Recipients who opted out of a service's messages (an inbound STOP, or an administrator). Sends
 * to them are refused until a START or an administrator removes the row.
 */
export const suppressions = sqliteTable(
  "suppressions",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    /** Normalised as notifications.normalised_to: E.164 for SMS, lower-case for email. */
    recipient: text("recipient").notNull(),
    /** inbound (a STOP text) or admin. */
    source: text("source", { enum: ["inbound", "admin"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("suppressions_recipient_unique").on(t.serviceId, t.channel, t.recipient)],
);

export const JOB_STATUSES = ["pending", "scheduled", "in progress", "finished", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id").notNull(),
    organisationId: text("organisation_id").notNull(),
    templateId: text("template_id").notNull(),
    templateVersion: integer("template_version").notNull(),
    notificationType: text("notification_type", { enum: ["sms", "email"] }).notNull(),
    name: text("name").notNull(),
    reference: text("reference"),
    senderId: text("sender_id"),
    apiKeyId: text("api_key_id"),
    keyType: text("key_type", { enum: ["normal", "team", "test"] }).notNull(),
    notificationCount: integer("notification_count").notNull(),
    chunkCount: integer("chunk_count").notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull(),
    scheduledFor: integer("scheduled_for"),
    processingStarted: integer("processing_started"),
    processingFinished: integer("processing_finished"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at"),
  },
  (t) => [index("jobs_service_created").on(t.serviceId, t.createdAt), index("jobs_status_scheduled").on(t.status, t.scheduledFor)],
);

/** The uploaded rows of a job, in chunks; deleted once the job has finished expanding. */
export const jobChunks = sqliteTable(
  "job_chunks",
  {
    jobId: text("job_id").notNull(),
    chunkIndex: integer("chunk_index").notNull(),
    firstRowNumber: integer("first_row_number").notNull(),
    /** JSON: { header: string[], rows: string[][] } */
    rows: text("rows").notNull(),
    expandedAt: integer("expanded_at"),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.chunkIndex] })],
);

export const receivedTexts = sqliteTable(
  "received_texts",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id").notNull(),
    notifyNumber: text("notify_number").notNull(),
    userNumber: text("user_number").notNull(),
    content: text("content").notNull(),
    providerReference: text("provider_reference"),
    createdAt: createdAt(),
  },
  (t) => [
    index("received_texts_service_created").on(t.serviceId, t.createdAt),
    // CM.com retries a message until it gets a 200: one row per provider reference.
    uniqueIndex("received_texts_service_reference_unique").on(t.serviceId, t.providerReference).where(sql`provider_reference IS NOT NULL`),
  ],
);

/** Anonymous per-day counts that outlive retention (no personal data). */
export const dailyStatistics = sqliteTable(
  "daily_statistics",
  {
    serviceId: text("service_id").notNull(),
    day: text("day").notNull(),
    notificationType: text("notification_type", { enum: ["sms", "email"] }).notNull(),
    status: text("status").notNull(),
    count: integer("count").notNull().default(0),
    billableUnits: integer("billable_units").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.day, t.notificationType, t.status] })],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull().default(now),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    organisationId: text("organisation_id"),
    serviceId: text("service_id"),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    /** JSON details; never secrets or personal data. */
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    requestId: text("request_id"),
  },
  // One index per filter of the audit-log read (src/admin/audit-log/), each ending in `at` for the order.
  (t) => [
    index("audit_log_service_at").on(t.serviceId, t.at),
    index("audit_log_at").on(t.at),
    index("audit_log_organisation_at").on(t.organisationId, t.at),
    index("audit_log_actor_at").on(t.actor, t.at),
  ],
);

/**
 * Named credentials for the admin API (src/admin/admin-credentials/), beside the bootstrap
 * ADMIN_TOKEN. The token is `nnladm-<id>-<secret>`; only SHA-256(secret) is stored.
 */
export const ADMIN_ROLES = ["admin", "read-only"] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const adminCredentials = sqliteTable(
  "admin_credentials",
  {
    id: text("id").primaryKey(),
    /** Unique across all rows, revoked ones included: the audit log's actor names stay unambiguous. */
    name: text("name").notNull(),
    role: text("role", { enum: ADMIN_ROLES }).notNull(),
    /** Lower-case hex SHA-256 of the secret part of the token. */
    secretHash: text("secret_hash").notNull(),
    createdAt: createdAt(),
    /** The actor (a credential name, or "bootstrap") that created it. */
    createdBy: text("created_by").notNull(),
    revokedAt: integer("revoked_at"),
    /** Written behind, at most once a minute per isolate, so it may lag by that much. */
    lastUsedAt: integer("last_used_at"),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lastFailedAt: integer("last_failed_at"),
  },
  (t) => [uniqueIndex("admin_credentials_name_unique").on(t.name)],
);

/**
 * Delivery-status callbacks owed to services, written in the same D1 batch as the status change
 * that owes them (src/service-callbacks/outbox.ts). The callbacks consumer removes a row when the
 * queue hands it the message; a row still here minutes later (the queue send failed) is sent again
 * by the replay cron. Ids only, no personal data.
 */
export const callbackOutbox = sqliteTable(
  "callback_outbox",
  {
    /** `<notification id>:<status>`: one callback per status a notification reaches. */
    id: text("id").primaryKey(),
    notificationId: text("notification_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("callback_outbox_notification").on(t.notificationId), index("callback_outbox_created").on(t.createdAt)],
);
