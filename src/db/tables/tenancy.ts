/** Tenancy: organisations, their services and what a service sends with (docs/storage-schema.md). */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, now } from "./columns";

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
