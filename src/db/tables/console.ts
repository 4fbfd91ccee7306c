/**
 * The web console's accounts (src/console/): people of an organisation, what they may do per
 * service, invitations, sign-in sessions and password resets. Tokens (session, invitation, reset)
 * are stored only as SHA-256 hex; TOTP secrets only encrypted under KEY_ENCRYPTION_KEY.
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { organisations, services } from "./tenancy";

/** Notify's per-service permissions; `view` is what every member of a service's team has. */
export const CONSOLE_PERMISSIONS = ["view", "send", "manage_templates", "manage_service", "manage_api_keys"] as const;
export type ConsolePermission = (typeof CONSOLE_PERMISSIONS)[number];

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** Lower-cased; unique over all organisations, so a sign-in names one account. */
    emailAddress: text("email_address").notNull(),
    name: text("name").notNull(),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` (src/console/accounts/passwords.ts). */
    passwordHash: text("password_hash").notNull(),
    /** AES-GCM ciphertext of the base32 TOTP secret. */
    totpSecretEncrypted: text("totp_secret_encrypted").notNull(),
    /** The last accepted TOTP time step: a code is accepted once (RFC 6238 §5.2). */
    totpLastStep: integer("totp_last_step").notNull().default(0),
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    lockedUntil: integer("locked_until"),
    /** Set when removed from the organisation: the account can no longer sign in. */
    removedAt: integer("removed_at"),
    createdAt: createdAt(),
    passwordChangedAt: integer("password_changed_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.emailAddress), index("users_organisation").on(t.organisationId)],
);

/** A user on a service's team, with what they may do there. No row: the service does not exist for them. */
export const serviceUsers = sqliteTable(
  "service_users",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    /** JSON array of ConsolePermission; always holds "view". */
    permissions: text("permissions", { mode: "json" }).$type<ConsolePermission[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.serviceId] }), index("service_users_service").on(t.serviceId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    emailAddress: text("email_address").notNull(),
    permissions: text("permissions", { mode: "json" }).$type<ConsolePermission[]>().notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The audit actor who invited (a user's email address, or an admin credential's name). */
    invitedBy: text("invited_by").notNull(),
    /** The TOTP secret offered on the acceptance page, kept until the invitation is accepted. */
    pendingTotpSecretEncrypted: text("pending_totp_secret_encrypted"),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
    acceptedAt: integer("accepted_at"),
    cancelledAt: integer("cancelled_at"),
  },
  (t) => [uniqueIndex("invitations_token_unique").on(t.tokenHash), index("invitations_service").on(t.serviceId)],
);

export const consoleSessions = sqliteTable(
  "console_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** The synchronizer token every form of this session carries. */
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    /** Written at most once a minute; idle expiry counts from here. */
    lastSeenAt: integer("last_seen_at").notNull(),
    /** Absolute expiry, however active the session is. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("console_sessions_user").on(t.userId), index("console_sessions_expires").on(t.expiresAt)],
);

export const passwordResets = sqliteTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("password_resets_user").on(t.userId)],
);
