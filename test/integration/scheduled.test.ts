/**
 * scheduled_for on single messages and jobs (src/scheduled/release-scheduled.ts, the cancel routes): stored and left alone until due, released by the
 * minute cron exactly once, then sent; cancellable before that.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { servicesFor } from "../../src/app/build-services";
import type { GateClient } from "../../src/gate/gate-client";
import type { GateItem } from "../../src/gate/types";
import worker from "../../src/index";
import { releaseScheduled } from "../../src/scheduled/release-scheduled";
import { apiFetch, createTenant, readError, type Tenant } from "../support/fixtures";

let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
});

/** Runs the every-minute cron as the runtime would, at a chosen time. */
async function minuteCron(scheduledTime: number): Promise<void> {
  const controller = createScheduledController({ scheduledTime, cron: "* * * * *" });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

async function scheduledSms(at: string, phone = "0612345678"): Promise<{ id: string; scheduled_for: string }> {
  const res = await apiFetch("/v2/notifications/sms", tenant.keys.normal, {
    method: "POST",
    body: { phone_number: phone, template_id: tenant.smsTemplateId, personalisation: { naam: "Jan", code: "1" }, scheduled_for: at },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; scheduled_for: string };
}

const row = (id: string) =>
  env.DB.prepare("SELECT status, scheduled_for, updated_at FROM notifications WHERE id = ?")
    .bind(id)
    .first<{ status: string; scheduled_for: number | null; updated_at: number | null }>();

describe("a scheduled notification", () => {
  describe("through its life: created, a cron before it is due, the cron when it is due", () => {
    const due = Math.ceil((Date.now() + 3_600_000) / 1000) * 1000;
    let created: { id: string; scheduled_for: string };
    let stored: Awaited<ReturnType<typeof row>>;
    let beforeDue: Awaited<ReturnType<typeof row>>;
    let released: Awaited<ReturnType<typeof row>>;

    beforeAll(async () => {
      // With an offset: 10:00+02:00 is 08:00Z.
      const local = new Date(due + 2 * 3_600_000).toISOString().replace("Z", "+02:00");
      created = await scheduledSms(local);
      stored = await row(created.id);
      await minuteCron(due - 60_000);
      beforeDue = await row(created.id);
      await minuteCron(due + 1_000);
      released = await row(created.id);
    });

    it("is answered with the time in UTC, in Notify's format", () => {
      expect(created.scheduled_for).toBe(`${new Date(due).toISOString().slice(0, 19)}.000000Z`);
    });

    it("is stored with its due time", () => {
      expect(stored).toMatchObject({ status: "created", scheduled_for: due });
    });

    it("is left alone by a cron run before it is due", () => {
      expect(beforeDue).toMatchObject({ status: "created", scheduled_for: due });
    });

    it("is released by the cron run once it is due", () => {
      expect(released?.scheduled_for).toBeNull();
    });

    it("is then sent", async () => {
      await vi.waitUntil(async () => (await row(created.id))?.status !== "created", { timeout: 5_000, interval: 100 });
      // The dispatch consumer may already have applied the simulator's receipt.
      expect(["sending", "delivered"]).toContain((await row(created.id))?.status);
    });
  });

  it("two overlapping release runs hand each due notification over once", async () => {
    const due = Date.now() + 1_800_000;
    const ids = [
      (await scheduledSms(new Date(due).toISOString(), "0612345671")).id,
      (await scheduledSms(new Date(due).toISOString(), "0612345672")).id,
      (await scheduledSms(new Date(due).toISOString(), "0612345673")).id,
    ];
    const enqueued: GateItem[] = [];
    const gate = { enqueue: async (items: GateItem[]) => void enqueued.push(...items) } as unknown as GateClient;
    const deps = { ...servicesFor(env), gateFor: () => gate };
    const [a, b] = await Promise.all([releaseScheduled(deps, due + 1_000), releaseScheduled(deps, due + 1_000)]);
    expect(a.notifications + b.notifications).toBe(3);
    expect(enqueued.map((item) => item.id).sort()).toEqual([...ids].sort());
    expect(enqueued.filter((item) => item.lane !== "normal" || item.serviceId !== tenant.serviceId)).toEqual([]);
    expect((await releaseScheduled(deps, due + 60_000)).notifications).toBe(0);
  });

  describe("cancelled before it is due", () => {
    const due = Date.now() + 7_200_000;
    let id: string;
    let cancelled: Response;
    beforeAll(async () => {
      ({ id } = await scheduledSms(new Date(due).toISOString()));
      cancelled = await apiFetch(`/v2/notifications/${id}/cancel`, tenant.keys.normal, { method: "POST" });
    });

    it("is answered 200 with the cancelled notification", async () => {
      expect(cancelled.status).toBe(200);
      expect((await cancelled.json()) as Record<string, unknown>).toMatchObject({ id, status: "cancelled" });
    });

    it("cannot be cancelled again", async () => {
      const again = await apiFetch(`/v2/notifications/${id}/cancel`, tenant.keys.normal, { method: "POST" });
      expect(again.status).toBe(400);
      expect((await readError(again)).messages).toEqual([
        "Notification cannot be cancelled - only scheduled notifications that have not been sent can be cancelled",
      ]);
    });

    it("is never released", async () => {
      await minuteCron(due + 1_000);
      expect((await row(id))?.status).toBe("cancelled");
    });
  });

  it("cancel: a message that is not scheduled is 400", async () => {
    const now = await apiFetch("/v2/notifications/sms", tenant.keys.normal, {
      method: "POST",
      body: { phone_number: "0612345678", template_id: tenant.smsTemplateId, personalisation: { naam: "Jan", code: "1" } },
    });
    const { id } = (await now.json()) as { id: string };
    expect((await apiFetch(`/v2/notifications/${id}/cancel`, tenant.keys.normal, { method: "POST" })).status).toBe(400);
  });

  it("cancel: another service's notification is 404", async () => {
    const other = await createTenant();
    const { id: scheduled } = await scheduledSms(new Date(Date.now() + 3_600_000).toISOString());
    expect((await apiFetch(`/v2/notifications/${scheduled}/cancel`, other.keys.normal, { method: "POST" })).status).toBe(404);
  });

  it("cancel: a malformed id is 400", async () => {
    expect((await apiFetch(`/v2/notifications/nope/cancel`, tenant.keys.normal, { method: "POST" })).status).toBe(400);
  });
});

describe("a scheduled job", () => {
  const rows = [
    ["phone number", "naam", "code"],
    ["0612345678", "Anna", "1"],
    ["0612345679", "Bob", "2"],
  ];
  const postJob = async (at: number) => {
    const res = await apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
      method: "POST",
      body: { template_id: tenant.smsTemplateId, name: "Donderdag 09:00", rows, scheduled_for: new Date(at).toISOString() },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { data: { id: string; job_status: string; scheduled_for: string } }).data;
  };
  const jobStatus = async (id: string) =>
    (
      (await (await apiFetch(`/v2/jobs/${id}`, tenant.keys.normal)).json()) as {
        data: { job_status: string; statistics: { status: string; count: number }[] };
      }
    ).data;

  it("stays untouched until due, then is expanded and sent", async () => {
    const due = Math.floor((Date.now() + 2 * 3_600_000) / 1000) * 1000;
    const job = await postJob(due);
    expect(job.job_status).toBe("scheduled");
    expect(job.scheduled_for).toBe(`${new Date(due).toISOString().slice(0, 19)}+00:00`);

    await minuteCron(due - 120_000);
    await minuteCron(due - 60_000);
    expect(await jobStatus(job.id)).toMatchObject({ job_status: "scheduled", statistics: [] });

    await minuteCron(due);
    await vi.waitUntil(
      async () => {
        const current = await jobStatus(job.id);
        const sent = current.statistics.filter((s) => s.status === "sending" || s.status === "delivered").reduce((n, s) => n + s.count, 0);
        return current.job_status === "finished" && sent === 2;
      },
      { timeout: 5_000, interval: 200 },
    );
  });

  it("cancelled before it is due, it never starts", async () => {
    const due = Date.now() + 3 * 3_600_000;
    const job = await postJob(due);
    const res = await apiFetch(`/v2/jobs/${job.id}/cancel`, tenant.keys.normal, { method: "POST" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { job_status: string } }).data.job_status).toBe("cancelled");
    await minuteCron(due + 1_000);
    expect(await jobStatus(job.id)).toEqual(expect.objectContaining({ job_status: "cancelled", statistics: [] }));
  });
});
