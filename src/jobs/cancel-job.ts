/**
 * Cancelling a job: a scheduled one before it starts, or the unsent rest of a running one.
 *  1. the job becomes `cancelled` in one conditional UPDATE, so no chunk is expanded after this
 *     (the consumer's INSERT only runs for an `in progress` job) and the release cron skips it;
 *  2. its notifications still `created` and not claimed by a dispatch consumer become `cancelled`
 *     through the status transition function, a page at a time. They may still sit in the OrgGate's
 *     bulk lane; the dispatch claim (created → sending) then fails and nothing is sent.
 * A finished job can be cancelled while some of its notifications are still waiting.
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Services } from "../app/services";
import type { Db } from "../db/database";
import { jobs, notifications } from "../db/schema";
import { STALE_CLAIM_MS } from "../delivery/policy";
import { utcDay } from "../lib/time";
import { applyStatusBatch } from "../notifications/statuses";
import { cancelJobStatement } from "./job-statuses";

/** What a cancel request found. */
export type CancelJobResult = "cancelled" | "not_found" | "already_cancelled" | "nothing_to_cancel";

/** Statements of one page of the sweep; a D1 batch of this many UPDATEs is one round trip. */
const PAGE = 500;

/**
 * Cancels job `jobId` of service `serviceId`. A scheduled job cancelled on the day it was submitted
 * gives its reserved daily allowance back (as GC Notify does).
 */
export async function cancelJob(
  deps: Pick<Services, "db" | "d1" | "gateFor">,
  serviceId: string,
  jobId: string,
  now: number,
): Promise<{ result: CancelJobResult; cancelledNotifications: number }> {
  const job = await deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.serviceId, serviceId)))
    .get();
  if (!job) return { result: "not_found", cancelledNotifications: 0 };
  if (job.status === "cancelled") return { result: "already_cancelled", cancelledNotifications: 0 };
  const updated = await cancelJobStatement(deps.d1, jobId, job.status, now).first<{ id: string }>();
  if (!updated) {
    // Either nothing is left to cancel, or the job moved on (released, finished) in between: look again.
    const current = await deps.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId)).get();
    if (current && current.status !== job.status && current.status !== "cancelled") return cancelJob(deps, serviceId, jobId, now);
    return { result: current?.status === "cancelled" ? "already_cancelled" : "nothing_to_cancel", cancelledNotifications: 0 };
  }
  if (job.status === "scheduled" && job.keyType !== "test" && utcDay(job.createdAt) === utcDay(now)) {
    await deps.gateFor(job.organisationId).release(job.serviceId, job.notificationType, utcDay(now), job.notificationCount);
  }
  return { result: "cancelled", cancelledNotifications: await cancelWaitingNotifications(deps.db, jobId, now) };
}

/** Cancels the job's notifications that are `created` and not held by a live dispatch claim. */
export async function cancelWaitingNotifications(db: Db, jobId: string, now: number): Promise<number> {
  const unclaimedSince = now - STALE_CLAIM_MS;
  const waiting = and(
    eq(notifications.jobId, jobId),
    eq(notifications.status, "created"),
    or(isNull(notifications.claimedAt), lt(notifications.claimedAt, unclaimedSince)),
  );
  let cancelled = 0;
  for (;;) {
    const page = await db.select({ id: notifications.id }).from(notifications).where(waiting).limit(PAGE);
    if (page.length === 0) break;
    const applied = await applyStatusBatch(
      db,
      page.map((row) => ({ notificationId: row.id, next: "cancelled" as const, source: "job-cancel" as const, unclaimedSince })),
      now,
    );
    cancelled += applied.length;
    // A page where nothing applied means a consumer claimed those rows meanwhile: they are not ours.
    if (applied.length === 0 || page.length < PAGE) break;
  }
  return cancelled;
}
