/** Rate and daily limits at the door (src/gate/org-gate.do.ts admit(), src/api/v2/notifications/post-notification.ts). */
import { beforeAll, describe, expect, it } from "vitest";
import { apiFetch, countRows, createTenant, readError, type Tenant } from "../support/fixtures";

const sms = (t: Tenant, extra: Record<string, unknown> = {}) => ({
  phone_number: "0612345678",
  template_id: t.smsTemplateId,
  personalisation: { naam: "A", code: "1" },
  ...extra,
});

describe("limits at the door (OrgGate)", () => {
  let limited: Tenant;
  beforeAll(async () => {
    limited = await createTenant({ rateLimit: 3, smsDailyLimit: 1000 });
  });

  it("rate limit per service and key type: 429 with Notify's message, even for an invalid body", async () => {
    // Bucket size is ceil(3/3)+1 = 2 requests, refilled at 3 per minute.
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++)
      statuses.push((await apiFetch("/v2/notifications/sms", limited.keys.normal, { method: "POST", body: sms(limited) })).status);
    expect(statuses).toEqual([201, 201]);
    const before = await countRows("notifications");
    const limitedRes = await apiFetch("/v2/notifications/sms", limited.keys.normal, { method: "POST", body: "{invalid" });
    expect(limitedRes.status).toBe(429);
    expect(await readError(limitedRes)).toMatchObject({
      status_code: 429,
      errors: [{ error: "RateLimitError", message: "Exceeded rate limit for key type LIVE of 3 requests per 60 seconds" }],
    });
    expect(await countRows("notifications")).toBe(before);
    // Another key type has its own bucket; GETs are never rate limited.
    expect((await apiFetch("/v2/notifications/sms", limited.keys.test, { method: "POST", body: sms(limited) })).status).toBe(201);
    expect((await apiFetch("/v2/notifications", limited.keys.normal)).status).toBe(200);
    const team = await apiFetch("/v2/notifications/sms", limited.keys.team, { method: "POST", body: "{" });
    expect(team.status).toBe(400);
  });

  it("daily limit per service and channel; rejected requests give their allowance back; test keys not counted", async () => {
    const t = await createTenant({ smsDailyLimit: 2, emailDailyLimit: 1 });
    // A rejected request (bad template) must not use up the allowance.
    const rejected = await apiFetch("/v2/notifications/sms", t.keys.normal, {
      method: "POST",
      body: sms(t, { template_id: crypto.randomUUID() }),
    });
    expect(rejected.status).toBe(400);
    for (let i = 0; i < 2; i++)
      expect((await apiFetch("/v2/notifications/sms", t.keys.normal, { method: "POST", body: sms(t) })).status).toBe(201);
    const over = await apiFetch("/v2/notifications/sms", t.keys.normal, { method: "POST", body: sms(t) });
    expect(over.status).toBe(429);
    expect(await readError(over)).toMatchObject({
      errors: [{ error: "TooManyRequestsError", message: "Exceeded send limits (sms: 2) for today" }],
    });
    expect((await apiFetch("/v2/notifications/sms", t.keys.test, { method: "POST", body: sms(t) })).status).toBe(201);
    const email = await apiFetch("/v2/notifications/email", t.keys.normal, {
      method: "POST",
      body: { email_address: "a@example.nl", template_id: t.emailTemplateId, personalisation: { naam: "A" } },
    });
    expect(email.status).toBe(201);
  });

  it("limits of one service do not touch another service of the same organisation", async () => {
    const a = await createTenant({ smsDailyLimit: 1 });
    const b = await createTenant({ organisationId: a.organisationId, smsDailyLimit: 1 });
    expect((await apiFetch("/v2/notifications/sms", a.keys.normal, { method: "POST", body: sms(a) })).status).toBe(201);
    expect((await apiFetch("/v2/notifications/sms", a.keys.normal, { method: "POST", body: sms(a) })).status).toBe(429);
    expect((await apiFetch("/v2/notifications/sms", b.keys.normal, { method: "POST", body: sms(b) })).status).toBe(201);
  });
});
