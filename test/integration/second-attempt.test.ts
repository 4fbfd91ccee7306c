/**
 * The second attempt (src/notifications/second-attempt.ts, statuses.ts changeStatusBatch,
 * delivery/record-outcomes.ts, scheduled/release-scheduled.ts) against the CM.com fake: a first
 * attempt that fails temporarily is sent once more as the same notification, the service hears only
 * the final status, and the daily limit counts it once.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { servicesFor } from "../../src/app/build-services";
import { recordOutcomes } from "../../src/delivery/record-outcomes";
import { changeStatusBatch } from "../../src/notifications/statuses";
import { timeoutSending } from "../../src/scheduled/timeout-sending";
import { callbacksSettled, received, recordingQueue, runDeadLetters } from "../support/delivery";
import { adminJson, apiFetch, createTenant, type Tenant, type TenantOptions } from "../support/fixtures";
import { type GateRecorder, recordGate } from "../support/gate-recorder";
import { getNotification, insertNotification } from "../support/notification-factory";
import { historyOf, mobileEnding, releaseSecondAttempt, runAttempt } from "../support/second-attempt-flow";

let tenant: Tenant;
let gate: GateRecorder;
let hook: string;

/** A tenant of its own (organisation, gate recorder, callback receiver) for each describe. */
async function useTenant(options: TenantOptions = {}): Promise<void> {
  hook = `/svc-retry-${crypto.randomUUID().slice(0, 8)}`;
  tenant = await createTenant({
    ...options,
    deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: "callback-bearer-0123456789" },
  });
  gate = await recordGate(tenant.organisationId);
}

async function sendSms(phone_number: string): Promise<string> {
  const response = await apiFetch("/v2/notifications/sms", tenant.keys.normal, {
    method: "POST",
    body: { phone_number, template_id: tenant.smsTemplateId, personalisation: { naam: "Amala", code: "1234" } },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const callbacksOf = async (id: string) =>
  (await received(hook)).filter((c) => (c.body as { id: string }).id === id).map((c) => (c.body as { status: string }).status);

const settled = () =>
  callbacksSettled(hook, () =>
    insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, status: "delivered" }),
  );

describe("a first attempt that fails temporarily (magic 0006), then is delivered", () => {
  let id: string;
  let afterFailure: Awaited<ReturnType<typeof getNotification>>;
  let callbacksAfterFailure: string[];

  beforeAll(async () => {
    await useTenant({ smsDailyLimit: 3 });
    id = await sendSms(mobileEnding("0006"));
    await runAttempt(gate, id, 1);
    afterFailure = await getNotification(id);
    await settled();
    callbacksAfterFailure = await callbacksOf(id);
    await releaseSecondAttempt(id);
    await runAttempt(gate, id, 2);
  });

  it("after the failure it waits as the same notification: created, attempt 2, scheduled RETRY_FAILED_AFTER_SECONDS later", () => {
    expect(afterFailure).toMatchObject({ status: "created", attempt: 2, statusSource: "retry", claimedAt: null, provider: null });
    expect(afterFailure.scheduledFor).toBe((afterFailure.updatedAt as number) + Number(env.RETRY_FAILED_AFTER_SECONDS) * 1000);
  });

  it("the service gets no callback for the failure that is retried", () => {
    expect(callbacksAfterFailure).toEqual([]);
  });

  it("the release cron sends it again and it ends delivered", async () => {
    expect(await getNotification(id)).toMatchObject({ status: "delivered", attempt: 2, provider: "cm" });
  });

  it("the history shows both attempts, with their times, sources and CM codes", async () => {
    const history = await historyOf(id);
    expect(history.map((e) => [e.attempt, e.from_status, e.to_status, e.source, e.provider_status])).toEqual([
      [1, null, "created", "api", null],
      [1, "created", "sending", "dispatch", null],
      [1, "sending", "temporary-failure", "provider", "3/7"],
      [2, "temporary-failure", "created", "retry", null],
      [2, "created", "sending", "dispatch", null],
      [2, "sending", "delivered", "provider", "2"],
    ]);
    const times = history.map((e) => e.at as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("the service gets one callback, with the final status", async () => {
    await settled();
    expect(await callbacksOf(id)).toEqual(["delivered"]);
  });

  it("the retry is counted once against the daily limit (3): two more sends today are accepted, a third is not", async () => {
    await sendSms(mobileEnding("0011"));
    await sendSms(mobileEnding("0012"));
    const refused = await apiFetch("/v2/notifications/sms", tenant.keys.normal, {
      method: "POST",
      body: { phone_number: mobileEnding("0013"), template_id: tenant.smsTemplateId, personalisation: { naam: "A", code: "1" } },
    });
    expect(refused.status).toBe(429);
  });
});

describe("a second failure (magic 0003, always temporary)", () => {
  beforeAll(() => useTenant());

  it("ends temporary-failure after attempt 2, with one callback", async () => {
    const id = await sendSms(mobileEnding("0003"));
    await runAttempt(gate, id, 1);
    await releaseSecondAttempt(id);
    await runAttempt(gate, id, 2);
    expect(await getNotification(id)).toMatchObject({ status: "temporary-failure", attempt: 2, scheduledFor: null });
    await settled();
    expect(await callbacksOf(id)).toEqual(["temporary-failure"]);
  });
});

describe("when there is no second attempt", () => {
  beforeAll(() => useTenant());

  it("a permanent failure (magic 0002) is never retried", async () => {
    const id = await sendSms(mobileEnding("0002"));
    await runAttempt(gate, id, 1);
    expect(await getNotification(id)).toMatchObject({ status: "permanent-failure", attempt: 1, scheduledFor: null });
  });

  it("a test key's failure is never retried", async () => {
    const id = await failingRow({ keyType: "test" });
    await failNow(id);
    expect(await getNotification(id)).toMatchObject({ status: "temporary-failure", attempt: 1 });
  });

  it("a service with retry_sms off is not retried", async () => {
    await adminJson("PATCH", `/admin/v1/services/${tenant.serviceId}`, { retry_sms: false }, 200);
    try {
      const id = await failingRow();
      await failNow(id);
      expect(await getNotification(id)).toMatchObject({ status: "temporary-failure", attempt: 1 });
    } finally {
      await adminJson("PATCH", `/admin/v1/services/${tenant.serviceId}`, { retry_sms: true }, 200);
    }
  });

  it("a template with retry_failed off is not retried, whatever the service says", async () => {
    await adminJson("PATCH", `/admin/v1/services/${tenant.serviceId}/templates/${tenant.smsTemplateId}`, { retry_failed: false }, 200);
    try {
      const id = await failingRow();
      await failNow(id);
      expect(await getNotification(id)).toMatchObject({ status: "temporary-failure", attempt: 1 });
    } finally {
      await adminJson("PATCH", `/admin/v1/services/${tenant.serviceId}/templates/${tenant.smsTemplateId}`, { retry_failed: null }, 200);
    }
  });

  it("a recipient on the service's suppression list is not retried", async () => {
    const to = mobileEnding("0011");
    await env.DB.prepare("INSERT INTO suppressions (id, service_id, channel, recipient, source) VALUES (?, ?, 'sms', ?, 'test')")
      .bind(crypto.randomUUID(), tenant.serviceId, to)
      .run();
    const id = await failingRow({ to });
    await failNow(id);
    expect(await getNotification(id)).toMatchObject({ status: "temporary-failure", attempt: 1 });
  });
});

describe("every failure path gets the second attempt", () => {
  beforeAll(() => useTenant());

  it("the 72-hour timeout cron", async () => {
    const id = await failingRow();
    await env.DB.prepare("UPDATE notifications SET created_at = 0, sent_at = 0 WHERE id = ?").bind(id).run();
    await timeoutSending(servicesFor(env), Date.now());
    expect(await getNotification(id)).toMatchObject({ status: "created", attempt: 2, statusSource: "retry" });
  });

  it("a dead-lettered dispatch message", async () => {
    const id = await insertNotification({ ...seed(), templateId: tenant.smsTemplateId });
    await runDeadLetters([id]);
    expect(await getNotification(id)).toMatchObject({ status: "created", attempt: 2, statusSource: "retry" });
  });

  it("a technical failure recorded by the dispatch consumer, with no callback for it", async () => {
    const id = await insertNotification({ ...seed(), templateId: tenant.smsTemplateId, claimedAt: Date.now() });
    const queue = recordingQueue();
    const applied = await recordOutcomes(
      { ...servicesFor(env), callbackQueue: queue },
      [{ kind: "failed", notificationId: id, reason: "bad answer" }],
      Date.now(),
    );
    expect(applied).toEqual([{ notificationId: id, serviceId: tenant.serviceId, status: "created" }]);
    expect(queue.sent).toEqual([]);
    expect(await getNotification(id)).toMatchObject({ status: "created", attempt: 2, statusSource: "retry" });
  });

  it("but not a second attempt's failure: attempt 2 is final", async () => {
    const id = await failingRow();
    await env.DB.prepare("UPDATE notifications SET attempt = 2 WHERE id = ?").bind(id).run();
    await failNow(id);
    expect(await getNotification(id)).toMatchObject({ status: "temporary-failure", attempt: 2 });
  });
});

const seed = () => ({ serviceId: tenant.serviceId, organisationId: tenant.organisationId });

/** A handed-off SMS of the tenant's template, as a CM report would find it. */
const failingRow = (overrides: { keyType?: "test"; to?: string } = {}) =>
  insertNotification({ ...seed(), templateId: tenant.smsTemplateId, status: "sending", provider: "cm", ...overrides });

/** A CM report of temporary failure for `id`, through the one status function. */
const failNow = (id: string) =>
  changeStatusBatch(
    servicesFor(env),
    [{ notificationId: id, next: "temporary-failure", source: "provider", reportedBy: { provider: "cm", channel: "sms" } }],
    Date.now(),
  );
