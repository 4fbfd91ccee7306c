/**
 * The one place a notification's status changes. Every change is a conditional UPDATE
 * (`WHERE status IN <allowed previous>`), so duplicates and out-of-order events are no-ops and final
 * statuses are final, without reading the row first and without races between writers.
 *
 * Two layers, both for any number of changes in one D1 batch:
 *  - applyStatusBatch: the UPDATEs only (returns the changes that applied);
 *  - changeStatusBatch: the same, plus the second attempt of first-attempt failures
 *    (second-attempt.ts, same batch), then a delivery-status callback for every change that should
 *    tell the service (see CALLBACK_STATUSES). Receipts, dead letters and the 72-hour timeout cron
 *    call this one; cancellation (which the service asked for itself) the first.
 */

import { and, eq, inArray, isNotNull, isNull, lt, ne, or, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Services } from "../app/services";
import type { Db } from "../db/database";
import { inJsonArray } from "../db/json-batches";
import { type NotificationStatus, notifications } from "../db/schema";
import { enqueueDeliveryCallbacks } from "../service-callbacks/enqueue";
import { outboxInsertQuery } from "../service-callbacks/outbox";
import { markRetried, RETRYABLE_STATUSES, retryDelaySeconds, secondAttemptQuery } from "./second-attempt";

/** Statuses that never change again (Notify: updates only apply from created/sending/pending/sent). */
export const FINAL_STATUSES: ReadonlySet<NotificationStatus> = new Set([
  "delivered",
  "temporary-failure",
  "permanent-failure",
  "technical-failure",
  "cancelled",
]);

/**
 * Statuses that carry completed_at (Notify's NOTIFICATION_STATUS_TYPES_COMPLETED): the final ones
 * plus `sent`, the last status an SMTP email reaches.
 */
export const COMPLETED_STATUSES: ReadonlySet<NotificationStatus> = new Set([...FINAL_STATUSES, "sent"]);

const RECEIPT_FROM = ["created", "sending", "sent", "pending"] as const satisfies readonly NotificationStatus[];

/**
 * next status → the statuses it may be entered from. `created` is in the receipt rows because a
 * receipt may overtake the dispatch consumer's own "handed to provider" write; a receipt's
 * `reportedBy` then requires the row to be claimed for sending (see statusUpdateQuery).
 */
export const ALLOWED_PREVIOUS: Readonly<Record<NotificationStatus, readonly NotificationStatus[]>> = {
  created: [],
  sending: ["created"],
  // SMTP acceptance (no receipts follow), or an international SMS without delivery reports.
  sent: ["created", "sending"],
  pending: ["created", "sending", "sent"],
  delivered: RECEIPT_FROM,
  "temporary-failure": RECEIPT_FROM,
  // Also a provider's synchronous per-message rejection of a claimed (still created) row.
  "permanent-failure": RECEIPT_FROM,
  // Dead letters (still created), and an unusable provider answer after hand-off.
  "technical-failure": ["created", "sending", "pending"],
  cancelled: ["created"],
};

/**
 * Changes that send the service a delivery-status callback. Not `pending` (Notify's rule), not the
 * internal `created`/`sending`, not `cancelled` (the service did that itself). `sent` is included
 * because for SMTP email it is the last status the service will ever see.
 */
export const CALLBACK_STATUSES: ReadonlySet<NotificationStatus> = new Set([
  "sent",
  "delivered",
  "temporary-failure",
  "permanent-failure",
  "technical-failure",
]);

/**
 * Who made a change; recorded with it in the status history (notification_events), the evidence
 * of what happened to a message (Wmebv).
 */
export type StatusSource = "dispatch" | "provider" | "dead-letter" | "cron" | "api-cancel" | "job-cancel" | "retry";

/** Columns that may be written together with a status. */
export interface StatusFields {
  /** The provider's own status code of this change, e.g. CM "3/7"; kept in the history. */
  providerStatus?: string | null;
  sentAt?: number;
  billableUnits?: number;
  provider?: string;
  providerReference?: string;
  providerResponse?: string | null;
  /** null releases a dispatch claim. */
  claimedAt?: number | null;
}

/** One requested status change (the batch unit). */
export interface StatusChange {
  notificationId: string;
  next: NotificationStatus;
  source: StatusSource;
  fields?: StatusFields;
  /** Narrows ALLOWED_PREVIOUS further (never widens it). */
  from?: readonly NotificationStatus[];
  /** Only apply when no dispatch consumer holds a claim newer than this time (dead letters). */
  unclaimedSince?: number;
  /**
   * A provider's receipt: only for a notification of that channel handed to that provider, or
   * claimed for sending and not yet recorded as handed over (a receipt may overtake that write).
   * A scheduled, unsent or other provider's notification is never changed by a receipt.
   */
  reportedBy?: { provider: string; channel: "sms" | "email" };
}

/**
 * A change that applied: the row's id, service and new status. A failure that started a second
 * attempt in the same batch is reported as `created` (where the row is now): it owes no callback.
 */
export interface AppliedChange {
  notificationId: string;
  serviceId: string;
  status: NotificationStatus;
}

/**
 * Everything changeStatus needs besides the row: the database, the callbacks queue and (for the
 * second attempt's delay, RETRY_FAILED_AFTER_SECONDS) the config; without it the default applies.
 */
export type StatusDeps = Pick<Services, "db" | "callbackQueue"> & Partial<Pick<Services, "config">>;

/** The conditional UPDATE for one change; returns the row only when it applied. */
export function statusUpdateQuery(db: Db, change: StatusChange, now: number) {
  const { next, fields = {} } = change;
  const previous = ALLOWED_PREVIOUS[next].filter((s) => !change.from || change.from.includes(s));
  const conditions: SQL[] = [eq(notifications.id, change.notificationId)];
  // An empty IN list would be a syntax error; `0` keeps the UPDATE a no-op instead.
  conditions.push(previous.length > 0 ? inArray(notifications.status, previous) : sql`0`);
  if (change.unclaimedSince !== undefined) {
    conditions.push(or(isNull(notifications.claimedAt), lt(notifications.claimedAt, change.unclaimedSince)) as SQL);
  }
  if (change.reportedBy) {
    conditions.push(eq(notifications.notificationType, change.reportedBy.channel));
    conditions.push(
      or(
        eq(notifications.provider, change.reportedBy.provider),
        and(isNull(notifications.provider), eq(notifications.status, "created"), isNotNull(notifications.claimedAt)),
      ) as SQL,
    );
  }
  return db
    .update(notifications)
    .set({
      status: next,
      updatedAt: now,
      ...(COMPLETED_STATUSES.has(next) ? { completedAt: now } : {}),
      // Always written, so the history trigger never copies a previous change's source or code.
      statusSource: change.source,
      providerStatus: fields.providerStatus?.slice(0, 50) ?? null,
      ...definedFields(fields),
    })
    .where(and(...conditions))
    .returning({ notificationId: notifications.id, serviceId: notifications.serviceId, status: notifications.status });
}

/**
 * Many changes in ONE D1 batch (one round trip, one transaction). `extra` statements (e.g. claim
 * releases) ride along in the same batch. Returns the changes that applied, in input order.
 */
export async function applyStatusBatch(
  db: Db,
  changes: readonly StatusChange[],
  now: number,
  extra: readonly BatchItem<"sqlite">[] = [],
): Promise<AppliedChange[]> {
  return (await runStatusBatch(db, changes, now, extra)).applied;
}

/** The batch of applyStatusBatch; also returns the results of the `extra` statements. */
async function runStatusBatch(
  db: Db,
  changes: readonly StatusChange[],
  now: number,
  extra: readonly BatchItem<"sqlite">[],
): Promise<{ applied: AppliedChange[]; extraResults: unknown[] }> {
  const queries: BatchItem<"sqlite">[] = [...changes.map((c) => statusUpdateQuery(db, c, now)), ...extra];
  if (queries.length === 0) return { applied: [], extraResults: [] };
  const results = (await db.batch(queries as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown[];
  const applied = results.slice(0, changes.length).flatMap((rows) => (rows as AppliedChange[]).slice(0, 1));
  return { applied, extraResults: results.slice(changes.length) };
}

/**
 * applyStatusBatch with the second attempt of first-attempt failures (before the outbox insert, so
 * a retried failure gets no outbox row), then one callback per applied change whose status is in
 * CALLBACK_STATUSES.
 */
export async function changeStatusBatch(
  deps: StatusDeps,
  changes: readonly StatusChange[],
  now: number,
  extra: readonly BatchItem<"sqlite">[] = [],
): Promise<AppliedChange[]> {
  const failed = changes.filter((c) => RETRYABLE_STATUSES.has(c.next)).map((c) => c.notificationId);
  const retry = failed.length > 0 ? [secondAttemptQuery(deps.db, failed, now, retryDelaySeconds(deps.config))] : [];
  const owed = changes.filter((c) => CALLBACK_STATUSES.has(c.next)).map((c) => c.notificationId);
  const outbox = owed.length > 0 ? [outboxInsertQuery(deps.db, owed, CALLBACK_STATUSES, now)] : [];
  const { applied, extraResults } = await runStatusBatch(deps.db, changes, now, [...retry, ...extra, ...outbox]);
  const result = retry.length > 0 ? markRetried(applied, extraResults[0]) : applied;
  await notifyApplied(deps, result);
  return result;
}

/** Enqueues delivery-status callbacks for applied changes that warrant one. */
export async function notifyApplied(deps: StatusDeps, applied: readonly AppliedChange[]): Promise<void> {
  const toNotify = applied.filter((a) => CALLBACK_STATUSES.has(a.status));
  if (toNotify.length > 0) await enqueueDeliveryCallbacks(deps, toNotify);
}

/**
 * `created` rows among `idsJson` (a JSON array of ids) whose job was cancelled → `cancelled`. Run
 * with the dispatch claim, so a job's cancel is final even when its page-by-page sweep was cut off.
 */
export function cancelRowsOfCancelledJobsQuery(db: Db, idsJson: string, unclaimedSince: number, now: number) {
  return db
    .update(notifications)
    .set({ status: "cancelled", updatedAt: now, completedAt: now, statusSource: "job-cancel", providerStatus: null })
    .where(
      and(
        inJsonArray(notifications.id, idsJson),
        inArray(notifications.status, [...ALLOWED_PREVIOUS.cancelled]),
        or(isNull(notifications.claimedAt), lt(notifications.claimedAt, unclaimedSince)),
        sql`${notifications.jobId} IN (SELECT id FROM jobs WHERE status = 'cancelled')`,
      ),
    );
}

/** Rows a hand-off may still describe: not yet handed off, or already moved on by a receipt. */
const HAND_OFF_FROM = ["created", "sending", "sent", "pending", "delivered", "temporary-failure", "permanent-failure"] as const;

/**
 * The dispatch consumer's record of a hand-off to the provider (`sending`, or `sent` for SMTP).
 * Unlike a plain change, the provider facts (sent_at, fragments, reference) are written even when a
 * receipt has overtaken this write and already moved the row on; the status itself only moves from
 * `created`. The returned `status` equals `next` exactly when the status changed here.
 */
export function handOffQuery(
  db: Db,
  notificationId: string,
  next: "sending" | "sent",
  fields: Required<Pick<StatusFields, "sentAt" | "billableUnits" | "provider">> & Pick<StatusFields, "providerReference">,
  now: number,
) {
  // Only a row still in `created` takes the new value; a row a receipt moved on keeps its own.
  const fromCreated = (value: string | number | null, otherwise: SQLiteColumn) =>
    sql`CASE WHEN ${notifications.status} = 'created' THEN ${value} ELSE ${otherwise} END`;
  return db
    .update(notifications)
    .set({
      status: fromCreated(next, notifications.status),
      ...(next === "sent" ? { completedAt: fromCreated(now, notifications.completedAt) } : {}),
      updatedAt: now,
      statusSource: fromCreated("dispatch", notifications.statusSource),
      providerStatus: fromCreated(null, notifications.providerStatus),
      sentAt: sql`COALESCE(${notifications.sentAt}, ${fields.sentAt})`,
      billableUnits: fields.billableUnits,
      provider: fields.provider,
      providerReference: fields.providerReference,
      claimedAt: null,
    })
    .where(
      and(
        eq(notifications.id, notificationId),
        inArray(notifications.status, [...HAND_OFF_FROM]),
        // A `created` row without a claim is not the one this consumer handed over: a receipt that
        // overtook this write failed it and the second attempt moved it back (second-attempt.ts).
        // Writing attempt 1's hand-off over it would strand attempt 2 in `sending`.
        or(ne(notifications.status, "created"), isNotNull(notifications.claimedAt)),
      ),
    )
    .returning({ notificationId: notifications.id, serviceId: notifications.serviceId, status: notifications.status });
}

function definedFields(fields: StatusFields): Partial<typeof notifications.$inferInsert> {
  const out: Partial<typeof notifications.$inferInsert> = {};
  if (fields.sentAt !== undefined) out.sentAt = fields.sentAt;
  if (fields.billableUnits !== undefined) out.billableUnits = fields.billableUnits;
  if (fields.provider !== undefined) out.provider = fields.provider;
  if (fields.providerReference !== undefined) out.providerReference = fields.providerReference;
  if (fields.providerResponse !== undefined) out.providerResponse = fields.providerResponse?.slice(0, 500) ?? null;
  if (fields.claimedAt !== undefined) out.claimedAt = fields.claimedAt;
  return out;
}
