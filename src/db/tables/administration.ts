import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, now } from "./columns";

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
