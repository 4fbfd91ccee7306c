/** src/jobs/job-statuses.ts: every job transition applies from its allowed statuses only, against real D1. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { JOB_STATUSES, type JobStatus } from "../../src/db/schema";
import {
  cancelJobStatement,
  finishStalledJob,
  JOB_ALLOWED_PREVIOUS,
  recordChunkProgress,
  releaseDueJobs,
  startJob,
  stopJob,
} from "../../src/jobs/job-statuses";

const NOW = 1_800_000_000_000;

/** A job row in `status` (no service needed: the statements only read the jobs table). */
async function jobIn(status: JobStatus, fields: { scheduledFor?: number } = {}): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO jobs (id, service_id, organisation_id, template_id, template_version, notification_type, name, key_type,
       notification_count, chunk_count, status, scheduled_for, created_at)
     VALUES (?, 'svc', 'org', 'tpl', 1, 'sms', 'job', 'normal', 1, 1, ?, ?, ?)`,
  )
    .bind(id, status, fields.scheduledFor ?? null, NOW - 60_000)
    .run();
  return id;
}

async function statusOf(id: string): Promise<string | undefined> {
  return (await env.DB.prepare("SELECT status FROM jobs WHERE id = ?").bind(id).first<{ status: string }>())?.status;
}

/** Every (from, allowed?) pair for a target status. */
const pairs = (applies: readonly JobStatus[]) => JOB_STATUSES.map((from) => [from, applies.includes(from)] as const);

describe("job status transitions", () => {
  it("the table never leaves a final state except cancelling a finished job that still has waiting messages", () => {
    expect(JOB_ALLOWED_PREVIOUS.pending).toEqual(["scheduled"]);
    expect(Object.values(JOB_ALLOWED_PREVIOUS).some((previous) => previous.includes("cancelled"))).toBe(false);
    expect(Object.entries(JOB_ALLOWED_PREVIOUS).filter(([, previous]) => previous.includes("finished"))).toEqual([
      ["cancelled", ["scheduled", "pending", "in progress", "finished"]],
    ]);
  });

  it.each(pairs(["pending"]))("startJob from %s applies: %s", async (from, applies) => {
    const id = await jobIn(from);
    await startJob(env.DB, id, NOW).run();
    expect(await statusOf(id)).toBe(applies ? "in progress" : from);
  });

  it.each(pairs(["pending", "in progress"]))("stopJob from %s applies: %s", async (from, applies) => {
    const id = await jobIn(from);
    await stopJob(env.DB, id, NOW).run();
    expect(await statusOf(id)).toBe(applies ? "cancelled" : from);
  });

  it.each(pairs(["pending", "in progress"]))("finishStalledJob from %s applies: %s", async (from, applies) => {
    const id = await jobIn(from);
    await finishStalledJob(env.DB, id, NOW).run();
    expect(await statusOf(id)).toBe(applies ? "finished" : from);
  });

  it.each(pairs(["scheduled", "pending", "in progress"]))("cancel from %s applies: %s", async (from, applies) => {
    const id = await jobIn(from);
    const returned = await cancelJobStatement(env.DB, id, from, NOW).first<{ id: string }>();
    expect(returned?.id ?? null).toBe(applies ? id : null);
    expect(await statusOf(id)).toBe(applies ? "cancelled" : from);
  });

  it("cancel does nothing when the job moved on since it was read", async () => {
    const id = await jobIn("in progress");
    expect(await cancelJobStatement(env.DB, id, "pending", NOW).first()).toBeNull();
    expect(await statusOf(id)).toBe("in progress");
  });

  it("a finished job is cancelled only while one of its notifications still waits", async () => {
    const done = await jobIn("finished");
    expect(await cancelJobStatement(env.DB, done, "finished", NOW).first()).toBeNull();
    const waiting = await jobIn("finished");
    await env.DB.prepare(
      `INSERT INTO notifications (id, service_id, organisation_id, template_id, template_version, notification_type, key_type,
         "to", normalised_to, international, body, lane, status, billable_units, send_attempts, created_at, job_id)
       VALUES (?, 'svc', 'org', 'tpl', 1, 'sms', 'normal', '+31612345678', '+31612345678', 0, 'x', 'bulk', 'created', 1, 0, ?, ?)`,
    )
      .bind(crypto.randomUUID(), NOW, waiting)
      .run();
    expect(await cancelJobStatement(env.DB, waiting, "finished", NOW).first<{ id: string }>()).toEqual({ id: waiting });
  });

  it("recordChunkProgress finishes a job once no chunk is left, and only moves updated_at before that", async () => {
    const id = await jobIn("in progress");
    await env.DB.prepare("INSERT INTO job_chunks (job_id, chunk_index, first_row_number, rows) VALUES (?, 0, 0, '[]')").bind(id).run();
    await recordChunkProgress(env.DB, id, NOW).run();
    const during = await env.DB.prepare("SELECT status, updated_at FROM jobs WHERE id = ?").bind(id).first();
    expect(during).toEqual({ status: "in progress", updated_at: NOW });
    await env.DB.prepare("UPDATE job_chunks SET expanded_at = ? WHERE job_id = ?").bind(NOW, id).run();
    await recordChunkProgress(env.DB, id, NOW + 1).run();
    const after = await env.DB.prepare("SELECT status, processing_finished FROM jobs WHERE id = ?").bind(id).first();
    expect(after).toEqual({ status: "finished", processing_finished: NOW + 1 });
  });

  it("releaseDueJobs moves only due scheduled jobs to pending", async () => {
    const due = await jobIn("scheduled", { scheduledFor: NOW - 1 });
    const later = await jobIn("scheduled", { scheduledFor: NOW + 60_000 });
    const { results } = await releaseDueJobs(env.DB, NOW, 1_000).all<{ id: string }>();
    expect(results.map((r) => r.id)).toContain(due);
    expect(results.map((r) => r.id)).not.toContain(later);
    expect([await statusOf(due), await statusOf(later)]).toEqual(["pending", "scheduled"]);
  });
});
