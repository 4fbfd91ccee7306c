/**
 * Another organisation's ids, everywhere a caller can put one (src/api/v2/, src/admin/): every
 * lookup is scoped to the caller's service, so the answer is the same as for an id that does not
 * exist, and nothing of the other tenant changes. Also: one key that cannot be decrypted disables
 * that key only (src/api/v2/service-credentials.ts).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectContained } from "../support/contained";
import { adminFetch, apiFetch, createTenant, type Tenant } from "../support/fixtures";
import { getNotification, insertNotification } from "../support/notification-factory";

let mine: Tenant;
let theirs: Tenant;
let theirNotification: string;
let theirJob: string;

beforeAll(async () => {
  mine = await createTenant();
  theirs = await createTenant({ smsSenders: [{ sms_sender: "Anders" }] });
  theirNotification = await insertNotification({
    serviceId: theirs.serviceId,
    organisationId: theirs.organisationId,
    scheduledFor: Date.now() + 86_400_000,
  });
  const job = await apiFetch("/v2/notifications/bulk", theirs.keys.normal, {
    method: "POST",
    body: {
      template_id: theirs.smsTemplateId,
      name: "lijst",
      rows: [
        ["phone number", "naam", "code"],
        ["0612345678", "Jan", "1"],
      ],
      scheduled_for: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  theirJob = ((await job.json()) as { data: { id: string } }).data.id;
});

describe("another tenant's ids through the public API", () => {
  it.each([
    ["GET a notification", () => `/v2/notifications/${theirNotification}`, "GET", 404],
    ["cancel a notification", () => `/v2/notifications/${theirNotification}/cancel`, "POST", 404],
    ["GET a template", () => `/v2/template/${theirs.smsTemplateId}`, "GET", 404],
    ["GET a template version", () => `/v2/template/${theirs.smsTemplateId}/version/1`, "GET", 404],
    ["preview a template", () => `/v2/template/${theirs.smsTemplateId}/preview`, "POST", 404],
    ["GET a job", () => `/v2/jobs/${theirJob}`, "GET", 404],
    ["cancel a job", () => `/v2/jobs/${theirJob}/cancel`, "POST", 404],
  ])("%s is a %s like an unknown id", async (_name, path, method, status) => {
    const response = await expectContained(
      () => apiFetch(path(), mine.keys.normal, { method, ...(method === "POST" ? { body: {} } : {}) }),
      () => apiFetch("/v2/templates", mine.keys.normal),
    );
    expect(response.status).toBe(status);
  });

  it("paging from their notification gives an empty page", async () => {
    const response = await apiFetch(`/v2/notifications?older_than=${theirNotification}`, mine.keys.normal);
    expect(((await response.json()) as { notifications: unknown[] }).notifications).toEqual([]);
  });

  it.each([
    ["their template", () => ({ template_id: theirs.smsTemplateId }), "Template not found"],
    ["their SMS sender", () => ({ template_id: mine.smsTemplateId, sms_sender_id: theirs.smsSenderIds[0] }), "does not exist"],
  ])("sending with %s is a 400", async (_name, fields, message) => {
    const response = await apiFetch("/v2/notifications/sms", mine.keys.normal, {
      method: "POST",
      body: { phone_number: "0612345678", personalisation: { naam: "Jan", code: "1" }, ...fields() },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
  });

  it("their scheduled notification and job are untouched", async () => {
    expect((await getNotification(theirNotification)).status).toBe("created");
    const job = await env.DB.prepare("SELECT status FROM jobs WHERE id = ?").bind(theirJob).first<{ status: string }>();
    expect(job?.status).toBe("scheduled");
  });
});

describe("the admin API's organisation scope", () => {
  it("their service under my organisation is a 404", async () => {
    const response = await adminFetch(`/admin/v1/services/${theirs.serviceId}?organisationId=${mine.organisationId}`);
    expect(response.status).toBe(404);
  });

  it.each([
    ["given twice", () => `organisationId=${mine.organisationId}&organisationId=${mine.organisationId}`],
    ["empty", () => "organisationId="],
  ])("a scope %s is a 400, not a skipped check", async (_name, query) => {
    const response = await adminFetch(`/admin/v1/services/${theirs.serviceId}?${query()}`);
    expect(response.status).toBe(400);
  });
});

describe("a key that cannot be decrypted", () => {
  it("disables only that key: the service's other keys still work", async () => {
    const t = await createTenant();
    await env.DB.prepare(
      "INSERT INTO api_keys (id, service_id, name, key_type, secret_encrypted, created_at) VALUES (?, ?, ?, 'normal', ?, ?)",
    )
      .bind(crypto.randomUUID(), t.serviceId, "kapot", "bm90LWEtY2lwaGVydGV4dA==", Date.now())
      .run();
    const response = await apiFetch("/v2/templates", t.keys.normal);
    expect(response.status).toBe(200);
  });
});
