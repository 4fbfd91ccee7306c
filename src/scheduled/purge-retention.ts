/**
 * Daily: personal data lives only as long as the service's retention period (default 7 days,
 * 3–90; GOV.UK's `delete_notifications_older_than_retention`). For each service:
 *
 *  - notifications older than retention are folded into daily_statistics (count and billable units
 *    per service, UTC day of creation, channel and status; test-key messages are not counted) and
 *    deleted, a page at a time. The fold (INSERT … ON CONFLICT DO UPDATE adding the page's counts)
 *    and the DELETE of the same page run in ONE D1 batch, i.e. one transaction: a page is either
 *    counted and gone, or untouched, so a crash or a second run never counts a row twice or loses it;
 *  - received text messages older than retention are deleted;
 *  - jobs older than retention lose their file name and reference, and their uploaded rows
 *    (job_chunks) are deleted whatever the job's status, once no schedule could still need them;
 * and job_chunks of finished or cancelled jobs are deleted.
 *
 * "Older than retention" counts from the hand-off to the provider (sent_at), or from creation when
 * a message was never sent, so a message scheduled days ahead is not purged before it goes out.
 * Rows still `created` are kept unless they are older than retention plus the scheduling horizon.
 */

import type { Services } from "../app/services";
import { log } from "../lib/log";
import { MAX_SCHEDULE_DAYS } from "../notifications/scheduling";

const DAY_MS = 86_400_000;
const PAGE = 1_000;

/** Rows removed by one purge run. */
export interface PurgeCounts {
  notifications: number;
  receivedTexts: number;
  jobChunks: number;
  /** Jobs whose file name and reference were removed. */
  jobNames: number;
}

/** The first instant that is kept: midnight UTC, `retentionDays` days before today. */
export function retentionCutoff(now: number, retentionDays: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS - retentionDays * DAY_MS;
}

/** Purges every service; stops at `deadline` (the rest waits for the next run). */
export async function purgeRetention(deps: Pick<Services, "d1">, now: number, deadline = now + 10 * 60_000): Promise<PurgeCounts> {
  const counts: PurgeCounts = { notifications: 0, receivedTexts: 0, jobChunks: 0, jobNames: 0 };
  const { results: services } = await deps.d1
    .prepare(`SELECT id, retention_days FROM services`)
    .all<{ id: string; retention_days: number }>();
  for (const service of services) {
    const cutoff = retentionCutoff(now, service.retention_days);
    counts.notifications += await repeat(deadline, () => purgeNotificationPage(deps.d1, service.id, cutoff));
    const { d1 } = deps;
    counts.receivedTexts += await repeatStatement(
      deadline,
      d1
        .prepare(
          `DELETE FROM received_texts WHERE rowid IN (SELECT rowid FROM received_texts WHERE service_id = ? AND created_at < ? LIMIT ?)`,
        )
        .bind(service.id, cutoff, PAGE),
    );
    counts.jobNames += await repeatStatement(
      deadline,
      d1
        .prepare(
          `UPDATE jobs SET name = '', reference = NULL WHERE rowid IN (SELECT rowid FROM jobs
           WHERE service_id = ? AND created_at < ? AND (name <> '' OR reference IS NOT NULL) LIMIT ?)`,
        )
        .bind(service.id, cutoff, PAGE),
    );
    // A job stuck mid-expansion (a chunk that can never be stored) would otherwise keep its rows for ever.
    counts.jobChunks += await repeatStatement(
      deadline,
      d1
        .prepare(
          `DELETE FROM job_chunks WHERE rowid IN (SELECT c.rowid FROM job_chunks c JOIN jobs j ON j.id = c.job_id
           WHERE j.service_id = ? AND j.created_at < ? LIMIT ?)`,
        )
        .bind(service.id, cutoff - MAX_SCHEDULE_DAYS * DAY_MS, PAGE),
    );
  }
  counts.jobChunks += await repeatStatement(
    deadline,
    deps.d1
      .prepare(
        `DELETE FROM job_chunks WHERE rowid IN (SELECT c.rowid FROM job_chunks c JOIN jobs j ON j.id = c.job_id
         WHERE j.status IN ('finished', 'cancelled') LIMIT ?)`,
      )
      .bind(PAGE),
  );
  log.info("retention_purged", { ...counts });
  return counts;
}

/** Folds one page of a service's expired notifications into daily_statistics and deletes it, atomically. */
async function purgeNotificationPage(d1: D1Database, serviceId: string, cutoff: number): Promise<number> {
  const page = `SELECT rowid FROM notifications WHERE service_id = ?1 AND created_at < ?2
    AND ((status <> 'created' AND COALESCE(sent_at, created_at) < ?2) OR created_at < ?3)
    ORDER BY created_at, rowid LIMIT ?4`;
  const params = [serviceId, cutoff, cutoff - MAX_SCHEDULE_DAYS * DAY_MS, PAGE];
  const [, deleted] = await d1.batch([
    d1
      .prepare(
        `INSERT INTO daily_statistics (service_id, day, notification_type, status, count, billable_units)
         SELECT service_id, strftime('%Y-%m-%d', created_at / 1000, 'unixepoch'), notification_type, status, COUNT(*), SUM(billable_units)
         FROM notifications WHERE rowid IN (${page}) AND key_type <> 'test'
         GROUP BY 1, 2, 3, 4
         ON CONFLICT (service_id, day, notification_type, status) DO UPDATE SET
           count = daily_statistics.count + excluded.count,
           billable_units = daily_statistics.billable_units + excluded.billable_units`,
      )
      .bind(...params),
    d1.prepare(`DELETE FROM notifications WHERE rowid IN (${page})`).bind(...params),
  ]);
  return deleted?.meta.changes ?? 0;
}

/** Runs a paged statement (it changes at most PAGE rows) until it changes fewer; returns the total. */
function repeatStatement(deadline: number, statement: D1PreparedStatement): Promise<number> {
  return repeat(deadline, async () => (await statement.run()).meta.changes ?? 0);
}

/** Runs `step` until it does less than a full page or the deadline passes; returns the total. */
async function repeat(deadline: number, step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await step();
    total += done;
    if (done < PAGE || Date.now() > deadline) return total;
  }
}
