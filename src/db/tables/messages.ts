/** Messages: notifications, their status history, jobs, received texts, counts and the callback outbox. */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

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
    // Finding one recipient's messages (the evidence export, and search): a seek, not a scan of a
    // service's whole retention period, whoever asks how often.
    index("notifications_service_recipient").on(t.serviceId, t.normalisedTo),
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
