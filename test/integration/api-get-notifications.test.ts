/** GET /v2/notifications and /v2/notifications/{id} (src/api/v2/notifications/): Notify's body, filters, paging, key types. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { apiFetch, createTenant, readError, type Tenant } from "../support/fixtures";

let tenant: Tenant;
let other: Tenant;
const ids: string[] = [];

const NOTIFICATION_KEYS = [
  "body",
  "completed_at",
  "cost_details",
  "cost_in_pounds",
  "created_at",
  "created_by_name",
  "email_address",
  "id",
  "is_cost_data_ready",
  "line_1",
  "line_2",
  "line_3",
  "line_4",
  "line_5",
  "line_6",
  "one_click_unsubscribe_url",
  "phone_number",
  "postage",
  "postcode",
  "reference",
  "scheduled_for",
  "sent_at",
  "status",
  "subject",
  "template",
  "type",
];

beforeAll(async () => {
  // Send rate 1/min: the OrgGate holds these notifications, so their statuses stay as the tests set
  // them. The gate's one burst token goes to a team-key message first (listed only for team keys).
  tenant = await createTenant({ sendRatePerMinute: 1, teamMembers: [{ phone_number: "0611111111" }] });
  other = await createTenant();
  await apiFetch("/v2/notifications/sms", tenant.keys.team, {
    method: "POST",
    body: { phone_number: "0611111111", template_id: tenant.smsTemplateId, personalisation: { naam: "W", code: "0" } },
  });
  for (let i = 0; i < 3; i++) {
    const res = await apiFetch("/v2/notifications/sms", tenant.keys.normal, {
      method: "POST",
      body: {
        phone_number: "0612345678",
        template_id: tenant.smsTemplateId,
        personalisation: { naam: "A", code: String(i) },
        reference: `ref-${i}`,
      },
    });
    ids.push(((await res.json()) as { id: string }).id);
  }
  const email = await apiFetch("/v2/notifications/email", tenant.keys.normal, {
    method: "POST",
    body: { email_address: "a@example.nl", template_id: tenant.emailTemplateId, personalisation: { naam: "A" } },
  });
  ids.push(((await email.json()) as { id: string }).id);
  await apiFetch("/v2/notifications/sms", tenant.keys.test, {
    method: "POST",
    body: { phone_number: "0612345678", template_id: tenant.smsTemplateId, personalisation: { naam: "T", code: "x" } },
  });
});

describe("GET /v2/notifications/{id}", () => {
  it("returns every key, nulls where empty, timestamps in Notify's format", async () => {
    const res = await apiFetch(`/v2/notifications/${ids[0]}`, tenant.keys.normal);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(Object.keys(body).sort()).toEqual(NOTIFICATION_KEYS);
    expect(body).toMatchObject({
      id: ids[0],
      reference: "ref-0",
      phone_number: "0612345678",
      email_address: null,
      type: "sms",
      status: "created",
      body: "Hallo A, uw code is 0.",
      subject: null,
      template: { id: tenant.smsTemplateId, version: 1, uri: `http://notifynl.test/v2/template/${tenant.smsTemplateId}/version/1` },
      is_cost_data_ready: false,
      cost_in_pounds: null,
      cost_details: {},
    });
    expect(body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it("cost data once handed to the provider", async () => {
    await env.DB.prepare("UPDATE notifications SET status = 'sending', sent_at = ? WHERE id = ?").bind(Date.now(), ids[1]).run();
    const body = (await (await apiFetch(`/v2/notifications/${ids[1]}`, tenant.keys.normal)).json()) as Record<string, any>;
    expect(body.is_cost_data_ready).toBe(true);
    expect(body.cost_details).toMatchObject({ billable_sms_fragments: 1, international_rate_multiplier: 1 });
    expect(body.sent_at).toMatch(/Z$/);
  });

  it("any key of the service may read; another service gets 404; bad id 400", async () => {
    expect((await apiFetch(`/v2/notifications/${ids[0]}`, tenant.keys.test)).status).toBe(200);
    const cross = await apiFetch(`/v2/notifications/${ids[0]}`, other.keys.normal);
    expect(cross.status).toBe(404);
    expect(await readError(cross)).toMatchObject({ errors: [{ error: "NoResultFound", message: "No result found" }] });
    const bad = await apiFetch("/v2/notifications/not-a-uuid", tenant.keys.normal);
    expect(await readError(bad)).toMatchObject({
      status_code: 400,
      errors: [{ error: "ValidationError", message: "notification_id is not a valid UUID" }],
    });
  });
});

describe("GET /v2/notifications", () => {
  it("newest first, same key type only, with links", async () => {
    const res = await apiFetch("/v2/notifications", tenant.keys.normal);
    const body = (await res.json()) as { notifications: { id: string }[]; links: Record<string, string> };
    expect(body.notifications.map((n) => n.id)).toEqual([...ids].reverse());
    expect(body.links.current).toBe("http://notifynl.test/v2/notifications");
    expect(body.links.next).toBe(`http://notifynl.test/v2/notifications?older_than=${ids[0]}`);
    const test = (await (await apiFetch("/v2/notifications", tenant.keys.test)).json()) as { notifications: unknown[] };
    expect(test.notifications).toHaveLength(1);
  });

  it("filters: template_type, status with aliases, reference, older_than", async () => {
    const get = async (q: string) =>
      (await (await apiFetch(`/v2/notifications${q}`, tenant.keys.normal)).json()) as {
        notifications: { id: string }[];
        links: Record<string, string>;
      };
    expect((await get("?template_type=email")).notifications.map((n) => n.id)).toEqual([ids[3]]);
    expect((await get("?status=sending")).notifications.map((n) => n.id)).toEqual([ids[1]]);
    expect((await get("?status=accepted")).notifications).toHaveLength(4);
    expect((await get("?status=failed")).notifications).toHaveLength(0);
    expect((await get("?reference=ref-2")).notifications.map((n) => n.id)).toEqual([ids[2]]);
    const older = await get(`?older_than=${ids[2]}`);
    expect(older.notifications.map((n) => n.id)).toEqual([ids[1], ids[0]]);
    const empty = await get(`?older_than=${ids[0]}`);
    expect(empty.notifications).toEqual([]);
    expect(empty.links.next).toBeUndefined();
    expect((await get(`?older_than=${crypto.randomUUID()}`)).notifications).toEqual([]);
    const sms = await get("?template_type=sms&status=created");
    expect(sms.links.next).toMatch(
      /^http:\/\/notifynl\.test\/v2\/notifications\?older_than=[0-9a-f-]{36}&template_type=sms&status=created$/,
    );
  });

  it("validation errors for unknown statuses, types and parameters", async () => {
    const bad = await apiFetch("/v2/notifications?status=elephant&template_type=fax&colour=red", tenant.keys.normal);
    expect(bad.status).toBe(400);
    const messages = (await readError(bad)).messages;
    expect(messages).toContain("Additional properties are not allowed (colour was unexpected)");
    const statusBad = await apiFetch("/v2/notifications?status=elephant", tenant.keys.normal);
    expect((await readError(statusBad)).messages[0]).toMatch(/^status elephant is not one of \[cancelled, created, sending/);
  });

  it("never shows another service's notifications", async () => {
    const body = (await (await apiFetch("/v2/notifications", other.keys.normal)).json()) as { notifications: unknown[] };
    expect(body.notifications).toEqual([]);
  });
});
