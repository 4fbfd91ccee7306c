/** Rate and daily limits at the door (src/gate/org-gate.do.ts admit(), src/api/v2/notifications/post-notification.ts). */
import { describe, expect, it } from "vitest";
import { apiFetch, countRows, createTenant, readError, type Tenant } from "../support/fixtures";

const sms = (t: Tenant, extra: Record<string, unknown> = {}) => ({
  phone_number: "0612345678",
  template_id: t.smsTemplateId,
  personalisation: { naam: "A", code: "1" },
  ...extra,
});

const postSms = (t: Tenant, key: Tenant["keys"][keyof Tenant["keys"]], body: unknown = sms(t)) =>
  apiFetch("/v2/notifications/sms", key, { method: "POST", body });

describe("the rate limit per service and key type", () => {
  /** A service limited to 3 requests a minute whose normal key has used its burst (ceil(3/3)+1 = 2 requests). */
  async function exhausted(): Promise<Tenant> {
    const t = await createTenant({ rateLimit: 3, smsDailyLimit: 1000 });
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) statuses.push((await postSms(t, t.keys.normal)).status);
    expect(statuses).toEqual([201, 201]);
    return t;
  }

  it("is 429 with Notify's message once the burst is used, even for an invalid body, storing nothing", async () => {
    const t = await exhausted();
    const before = await countRows("notifications");
    const limitedRes = await postSms(t, t.keys.normal, "{invalid");
    expect(limitedRes.status).toBe(429);
    expect(await readError(limitedRes)).toMatchObject({
      status_code: 429,
      errors: [{ error: "RateLimitError", message: "Exceeded rate limit for key type LIVE of 3 requests per 60 seconds" }],
    });
    expect(await countRows("notifications")).toBe(before);
  });

  it("gives another key type its own bucket", async () => {
    const t = await exhausted();
    expect((await postSms(t, t.keys.test)).status).toBe(201);
  });

  it("gives the team key its own bucket too: its bad body is validated, not limited", async () => {
    const t = await exhausted();
    expect((await postSms(t, t.keys.team, "{")).status).toBe(400);
  });

  it("never limits GETs", async () => {
    const t = await exhausted();
    expect((await apiFetch("/v2/notifications", t.keys.normal)).status).toBe(200);
  });
});

describe("the daily limit per service and channel", () => {
  const limitedService = () => createTenant({ smsDailyLimit: 2, emailDailyLimit: 1 });

  it("is 429 with Notify's message once the day's SMS allowance is used", async () => {
    const t = await limitedService();
    for (let i = 0; i < 2; i++) expect((await postSms(t, t.keys.normal)).status).toBe(201);
    const over = await postSms(t, t.keys.normal);
    expect(over.status).toBe(429);
    expect(await readError(over)).toMatchObject({
      errors: [{ error: "TooManyRequestsError", message: "Exceeded send limits (sms: 2) for today" }],
    });
  });

  it("gives a rejected request's allowance back", async () => {
    const t = await limitedService();
    // A rejected request (bad template) must not use up the allowance: both sends after it go through.
    expect((await postSms(t, t.keys.normal, sms(t, { template_id: crypto.randomUUID() }))).status).toBe(400);
    for (let i = 0; i < 2; i++) expect((await postSms(t, t.keys.normal)).status).toBe(201);
  });

  it("does not count test keys", async () => {
    const t = await limitedService();
    for (let i = 0; i < 2; i++) expect((await postSms(t, t.keys.normal)).status).toBe(201);
    expect((await postSms(t, t.keys.test)).status).toBe(201);
  });

  it("counts email apart from SMS", async () => {
    const t = await limitedService();
    for (let i = 0; i < 2; i++) expect((await postSms(t, t.keys.normal)).status).toBe(201);
    const email = await apiFetch("/v2/notifications/email", t.keys.normal, {
      method: "POST",
      body: { email_address: "a@example.nl", template_id: t.emailTemplateId, personalisation: { naam: "A" } },
    });
    expect(email.status).toBe(201);
  });

  it("limits of one service do not touch another service of the same organisation", async () => {
    const a = await createTenant({ smsDailyLimit: 1 });
    const b = await createTenant({ organisationId: a.organisationId, smsDailyLimit: 1 });
    expect((await postSms(a, a.keys.normal)).status).toBe(201);
    expect((await postSms(a, a.keys.normal)).status).toBe(429);
    expect((await postSms(b, b.keys.normal)).status).toBe(201);
  });
});
