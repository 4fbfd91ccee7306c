/**
 * A fallback never goes to someone who opted out (src/notifications/fallback-request.ts,
 * fallback-row.ts, src/scheduled/send-fallbacks.ts): refused when the send names them, and given up
 * (recorded in the original's history, taken off the cron's work list) when they opt out later.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { servicesFor } from "../../src/app/build-services";
import { sendFallbacks } from "../../src/scheduled/send-fallbacks";
import { adminJson, apiFetch, countRows, createTenant, readError, type Tenant } from "../support/fixtures";
import { getNotification, insertNotification } from "../support/notification-factory";

const OPTED_OUT = "+31612340077";
let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
  await adminJson("POST", `/admin/v1/services/${tenant.serviceId}/suppressions`, { phone_number: OPTED_OUT }, 201);
});

describe("a fallback to an opted-out number", () => {
  it("is refused with the send: 400, nothing stored", async () => {
    const before = await countRows("notifications");
    const res = await apiFetch("/v2/notifications/email", tenant.keys.normal, {
      method: "POST",
      body: {
        email_address: "burger@example.nl",
        template_id: tenant.emailTemplateId,
        personalisation: { naam: "Amala", code: "1" },
        fallback: { phone_number: OPTED_OUT, template_id: tenant.smsTemplateId },
      },
    });
    expect(res.status).toBe(400);
    expect((await readError(res)).messages.join(" ")).toContain("opted out");
    expect(await countRows("notifications")).toBe(before);
  });

  it("is given up by the cron when the opt-out came later: no fallback, and the history says why", async () => {
    const id = await insertNotification({
      serviceId: tenant.serviceId,
      organisationId: tenant.organisationId,
      type: "email",
      status: "permanent-failure",
    });
    await env.DB.prepare(
      "UPDATE notifications SET fallback_to = ?, fallback_template_id = ?, personalisation = ?, updated_at = ? WHERE id = ?",
    )
      .bind(OPTED_OUT, tenant.smsTemplateId, JSON.stringify({ naam: "Amala", code: "1" }), Date.now(), id)
      .run();
    expect(await sendFallbacks(servicesFor(env), Date.now())).toBe(0);
    expect(await getNotification(id)).toMatchObject({ fallbackTo: null, fallbackNotificationId: null });
    const last = await env.DB.prepare("SELECT source, detail FROM notification_events WHERE notification_id = ? ORDER BY id DESC LIMIT 1")
      .bind(id)
      .first();
    expect(last).toMatchObject({ source: "fallback", detail: expect.stringContaining("Fallback not sent: The recipient has opted out") });
    expect(await sendFallbacks(servicesFor(env), Date.now())).toBe(0);
  });
});
