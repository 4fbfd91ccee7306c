/**
 * src/delivery/claim.ts with notifications/statuses.ts: a cancelled job's waiting rows are never
 * sent, even when the cancel sweep (src/jobs/cancel-job.ts) stopped before reaching them.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../src/app/build-services";
import { recordingQueue, runDispatch } from "../support/delivery";
import { createTenant, type Tenant } from "../support/fixtures";
import { getNotification, insertNotification } from "../support/notification-factory";

let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
});

/** A job in `status` with one waiting (created) notification; returns the notification's id. */
async function waitingRowOfJob(status: "cancelled" | "in progress"): Promise<string> {
  const jobId = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO jobs (id, service_id, organisation_id, template_id, template_version, notification_type, name, key_type,
       notification_count, chunk_count, status, created_at)
     VALUES (?, ?, ?, ?, 1, 'sms', 'job', 'normal', 1, 1, ?, ?)`,
  )
    .bind(jobId, tenant.serviceId, tenant.organisationId, tenant.smsTemplateId, status, Date.now())
    .run();
  const id = await insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, lane: "bulk" });
  await env.DB.prepare("UPDATE notifications SET job_id = ? WHERE id = ?").bind(jobId, id).run();
  return id;
}

const services = () => buildServices(env, { config: { SMS_PROVIDER: "simulator" }, callbackQueue: recordingQueue() });

describe("cancel is final", () => {
  it("a waiting row of a cancelled job reaching the dispatch consumer is cancelled, not sent", async () => {
    const id = await waitingRowOfJob("cancelled");
    expect(await runDispatch([id], services())).toEqual({ acked: [id], retried: [] });
    expect(await getNotification(id)).toMatchObject({ status: "cancelled", sendAttempts: 0, sentAt: null });
  });

  it("a waiting row of a running job is sent as usual", async () => {
    const id = await waitingRowOfJob("in progress");
    await runDispatch([id], services());
    expect((await getNotification(id)).status).toBe("delivered");
  });
});
