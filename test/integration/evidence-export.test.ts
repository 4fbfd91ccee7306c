/**
 * The evidence exports (src/notifications/evidence/, the handlers in src/api/v2/notifications/,
 * src/api/v2/evidence/ and src/admin/notifications/): per notification and per recipient, as JSON
 * and as the printable Dutch page; never another tenant's data; bounded; gone after retention.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/database";
import { recipientEvidenceJson } from "../../src/notifications/evidence/evidence-json";
import { loadRecipientEvidence } from "../../src/notifications/evidence/load-recipient-evidence";
import { adminFetch, apiFetch, createTenant, readError, readProblem, type Tenant } from "../support/fixtures";
import { insertNotification, uniqueMobile } from "../support/notification-factory";
import { driveToDelivered } from "../support/status-steps";

let mine: Tenant;
let theirs: Tenant;

beforeAll(async () => {
  mine = await createTenant();
  theirs = await createTenant();
});

const HOSTILE = "<script>alert(1)</script>";

interface Seed {
  to?: string;
  body?: string;
  reference?: string;
  type?: "sms" | "email";
}

/** A notification of `tenant` made with its normal key and its template, as the API stores one. */
async function seed(tenant: Tenant, options: Seed = {}): Promise<string> {
  const type = options.type ?? "sms";
  const id = await insertNotification({
    serviceId: tenant.serviceId,
    organisationId: tenant.organisationId,
    type,
    to: options.to,
    body: options.body,
    reference: options.reference ?? null,
    templateId: type === "sms" ? tenant.smsTemplateId : tenant.emailTemplateId,
  });
  await env.DB.prepare("UPDATE notifications SET api_key_id = ? WHERE id = ?").bind(tenant.keys.normal.id, id).run();
  return id;
}

const evidencePath = (id: string) => `/v2/notifications/${id}/evidence`;
const adminEvidencePath = (serviceId: string, id: string) => `/admin/v1/services/${serviceId}/notifications/${id}/evidence`;
const html = { headers: { accept: "text/html" } };

type Json = Record<string, any>;

describe("evidence of one notification, as JSON", () => {
  it("says what was sent, to whom, when, through which provider, by which key, and every status", async () => {
    const id = await seed(mine, { to: "06 1234 5678", body: "Uw afspraak is morgen om 10:00." });
    await driveToDelivered(id, "CM-REF-1");
    const res = await apiFetch(evidencePath(id), mine.keys.normal);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.notification).toMatchObject({
      id,
      type: "sms",
      template: { id: mine.smsTemplateId, version: 1, name: "SMS template" },
      to: "06 1234 5678",
      body: "Uw afspraak is morgen om 10:00.",
      status: "delivered",
      attempt: 1,
      sent_at: "2030-07-01T10:00:00.000000Z",
      completed_at: "2030-07-01T10:00:02.250000Z",
      provider: "cm",
      provider_reference: "CM-REF-1",
      fallback_notification_id: null,
      fallback_of: null,
      sent_by: { key_type: "normal", api_key: { id: mine.keys.normal.id, name: mine.keys.normal.name }, job: null },
    });
    expect(body.notification.history.map((e: Json) => [e.to_status, e.source, e.provider_status])).toEqual([
      ["created", "api", null],
      ["sending", "dispatch", null],
      ["pending", "provider", "1"],
      ["delivered", "provider", "2"],
    ]);
  });

  it("names the service, its organisation, the deployment and when it was made", async () => {
    const id = await seed(mine);
    const before = Date.now();
    const body = (await (await apiFetch(evidencePath(id), mine.keys.normal)).json()) as Json;
    expect(body.service).toMatchObject({ id: mine.serviceId, name: mine.service.name, retention_days: 7 });
    expect(body.organisation.id).toBe(mine.organisationId);
    expect(body.deployment).toBe("http://notifynl.test");
    expect(Date.parse(body.generated_at)).toBeGreaterThanOrEqual(before - 1);
  });

  it("links a fallback and its original both ways", async () => {
    const original = await seed(mine);
    const fallback = await seed(mine, { type: "email" });
    await env.DB.prepare("UPDATE notifications SET fallback_notification_id = ? WHERE id = ?").bind(fallback, original).run();
    await env.DB.prepare("UPDATE notifications SET fallback_of = ? WHERE id = ?").bind(original, fallback).run();
    const a = (await (await apiFetch(evidencePath(original), mine.keys.normal)).json()) as Json;
    const b = (await (await apiFetch(evidencePath(fallback), mine.keys.normal)).json()) as Json;
    expect([a.notification.fallback_notification_id, b.notification.fallback_of]).toEqual([fallback, original]);
  });

  it("names the bulk job for a notification of a job", async () => {
    const id = await seed(mine);
    const jobId = crypto.randomUUID();
    await env.DB.prepare(
      `INSERT INTO jobs (id, service_id, organisation_id, template_id, template_version, notification_type, name, key_type,
         notification_count, chunk_count, status) VALUES (?, ?, ?, ?, 1, 'sms', 'herinneringen.csv', 'normal', 1, 1, 'finished')`,
    )
      .bind(jobId, mine.serviceId, mine.organisationId, mine.smsTemplateId)
      .run();
    await env.DB.prepare("UPDATE notifications SET job_id = ?, job_row_number = 0 WHERE id = ?").bind(jobId, id).run();
    const body = (await (await apiFetch(evidencePath(id), mine.keys.normal)).json()) as Json;
    expect(body.notification.sent_by.job).toEqual({ id: jobId, name: "herinneringen.csv" });
  });

  it("is the same 404 as GET /v2/notifications/{id} for another service's notification", async () => {
    const id = await seed(theirs);
    const res = await apiFetch(evidencePath(id), mine.keys.normal);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(await (await apiFetch(`/v2/notifications/${id}`, mine.keys.normal)).json());
  });

  it("is a 404 once the notification is purged (retention)", async () => {
    const id = await seed(mine);
    await env.DB.prepare("DELETE FROM notifications WHERE id = ?").bind(id).run();
    const res = await apiFetch(evidencePath(id), mine.keys.normal);
    expect(res.status).toBe(404);
  });
});

describe("evidence of one notification, as the printable page", () => {
  it("is Dutch HTML with lang=nl, headings and a timeline table with a caption and scoped headers", async () => {
    const id = await seed(mine);
    await driveToDelivered(id);
    const res = await apiFetch(evidencePath(id), mine.keys.normal, html);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await res.text();
    expect(page.startsWith('<!DOCTYPE html><html lang="nl">')).toBe(true);
    for (const text of [
      "<h1>Bewijs van verzending</h1>",
      "Verstuurd aan",
      "<h3>Tijdlijn</h3>",
      "<caption>Tijdlijn van bericht",
      '<th scope="col">Tijd</th>',
    ]) {
      expect(page).toContain(text);
    }
    expect(page.match(/<th scope="row">/g)).toHaveLength(4);
  });

  it("shows times in Dutch time with the UTC time beside them", async () => {
    const id = await seed(mine);
    await driveToDelivered(id);
    const page = await (await apiFetch(evidencePath(id), mine.keys.normal, html)).text();
    expect(page).toContain('<time datetime="2030-07-01T10:00:02.250Z">1 juli 2030 om 12:00:02,250 CEST</time>');
    expect(page).toContain("(2030-07-01 10:00:02.250 UTC)");
  });

  it("shows a hostile body, reference and provider text as text, never as markup", async () => {
    const id = await seed(mine, { body: `Hallo ${HOSTILE}`, reference: `ref"><img src=x onerror=alert(1)>` });
    await env.DB.prepare("UPDATE notifications SET provider_reference = ? WHERE id = ?").bind(HOSTILE, id).run();
    const page = await (await apiFetch(evidencePath(id), mine.keys.normal, html)).text();
    expect(page).not.toContain("<script");
    expect(page).not.toContain("<img");
    expect(page).toContain("Hallo &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("ref&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  });

  it("allows only its own inline style: no scripts, by the style's hash", async () => {
    const id = await seed(mine);
    const res = await apiFetch(evidencePath(id), mine.keys.normal, html);
    const page = await res.text();
    const style = /<style>([^<]*)<\/style>/.exec(page)?.[1] ?? "";
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(style)));
    const hash = btoa(String.fromCharCode(...digest));
    expect(res.headers.get("content-security-policy")).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
  });

  it("stays JSON for a client that accepts anything", async () => {
    const id = await seed(mine);
    const res = await apiFetch(evidencePath(id), mine.keys.normal, { headers: { accept: "*/*" } });
    expect(res.headers.get("content-type")).toBe("application/json");
  });
});

describe("admin get-notification-evidence", () => {
  it("answers the public API's JSON for the same notification", async () => {
    const id = await seed(mine);
    await driveToDelivered(id);
    const admin = (await (await adminFetch(adminEvidencePath(mine.serviceId, id))).json()) as Json;
    const v2 = (await (await apiFetch(evidencePath(id), mine.keys.normal)).json()) as Json;
    expect({ ...admin, generated_at: null }).toEqual({ ...v2, generated_at: null });
  });

  it("answers the printable page with Accept: text/html", async () => {
    const id = await seed(mine);
    const res = await adminFetch(adminEvidencePath(mine.serviceId, id), html);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await res.text()).toContain('<html lang="nl">');
  });

  it("is a 404 for another service's notification under my service", async () => {
    const id = await seed(theirs);
    const res = await adminFetch(adminEvidencePath(mine.serviceId, id));
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Notification not found"]);
  });
});

describe("evidence per recipient", () => {
  it("lists the service's notifications to the recipient, newest first, found in any notation of the number", async () => {
    const mobile = uniqueMobile();
    const older = await seed(mine, { to: mobile.replace("+31", "0") });
    const newer = await seed(mine, { to: mobile });
    await env.DB.prepare("UPDATE notifications SET normalised_to = ?, created_at = created_at - 1000 WHERE id = ?")
      .bind(mobile, older)
      .run();
    await seed(mine); // another recipient
    const local = `0${mobile.slice(3, 4)}-${mobile.slice(4)}`;
    const res = await apiFetch(`/v2/evidence?phone_number=${encodeURIComponent(local)}`, mine.keys.normal);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.notifications.map((n: Json) => n.id)).toEqual([newer, older]);
    expect(body).toMatchObject({ recipient: { type: "sms", normalised: mobile }, limit: 1000, truncated: false, note: null });
  });

  it("matches an email address whatever its case", async () => {
    const id = await seed(mine, { type: "email", to: "Burger.Bewijs@Example.nl" });
    const body = (await (await apiFetch("/v2/evidence?email_address=BURGER.BEWIJS@example.NL", mine.keys.normal)).json()) as Json;
    expect(body.notifications.map((n: Json) => [n.id, n.to])).toEqual([[id, "Burger.Bewijs@Example.nl"]]);
  });

  it("has a history for each notification", async () => {
    const mobile = uniqueMobile();
    const id = await seed(mine, { to: mobile });
    await driveToDelivered(id);
    const body = (await (await apiFetch(`/v2/evidence?phone_number=${encodeURIComponent(mobile)}`, mine.keys.normal)).json()) as Json;
    expect(body.notifications[0].history.map((e: Json) => e.to_status)).toEqual(["created", "sending", "pending", "delivered"]);
  });

  it("is empty for a recipient only another service sent to, through both APIs", async () => {
    const mobile = uniqueMobile();
    await seed(theirs, { to: mobile });
    const v2 = (await (await apiFetch(`/v2/evidence?phone_number=${encodeURIComponent(mobile)}`, mine.keys.normal)).json()) as Json;
    const admin = (await (
      await adminFetch(`/admin/v1/services/${mine.serviceId}/evidence?phoneNumber=${encodeURIComponent(mobile)}`)
    ).json()) as Json;
    expect([v2.notifications, admin.notifications]).toEqual([[], []]);
    expect([v2.service.id, admin.service.id]).toEqual([mine.serviceId, mine.serviceId]);
  });

  it("is bounded: at most `limit` notifications, the newest, and a note that older ones were left out", async () => {
    const mobile = uniqueMobile();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await seed(mine, { to: mobile }));
    for (const [i, id] of ids.entries()) {
      await env.DB.prepare("UPDATE notifications SET created_at = ? WHERE id = ?")
        .bind(Date.now() + i, id)
        .run();
    }
    const context = { serviceId: mine.serviceId, origin: "http://notifynl.test", now: Date.now() };
    const evidence = await loadRecipientEvidence(createDb(env.DB), context, { channel: "sms", normalised: mobile }, 3);
    const body = recipientEvidenceJson(evidence);
    expect(body.notifications.map((n) => n.id)).toEqual(ids.slice(1).reverse());
    expect(body).toMatchObject({ limit: 3, truncated: true });
    expect(body.note).toContain("newest 3");
    expect(body.notifications.every((n) => n.history.length === 1)).toBe(true);
  });

  it("is a printable Dutch page with Accept: text/html", async () => {
    const mobile = uniqueMobile();
    await seed(mine, { to: mobile, body: HOSTILE });
    const res = await apiFetch(`/v2/evidence?phone_number=${encodeURIComponent(mobile)}`, mine.keys.normal, html);
    const page = await res.text();
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain("Bewijs van verzending aan één ontvanger");
    expect(page).not.toContain("<script");
  });

  it.each([
    ["neither field", ""],
    ["both fields", "?phone_number=0612345678&email_address=a@example.nl"],
    ["a phone number given twice", "?phone_number=0612345678&phone_number=0612345679"],
  ])("refuses %s with a 400", async (_name, query) => {
    const res = await apiFetch(`/v2/evidence${query}`, mine.keys.normal);
    expect(res.status).toBe(400);
  });

  it("refuses an invalid phone number without repeating it", async () => {
    const res = await apiFetch("/v2/evidence?phone_number=0612", mine.keys.normal);
    expect(res.status).toBe(400);
    const error = await readError(res);
    expect(error.messages).toEqual(["phone_number Not enough digits"]);
  });

  it("admin: refuses neither phoneNumber nor emailAddress with a 400 naming the fields", async () => {
    const res = await adminFetch(`/admin/v1/services/${mine.serviceId}/evidence`);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["give exactly one of phoneNumber and emailAddress"]);
  });
});
