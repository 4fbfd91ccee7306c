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
  // The second one has been handed to the provider (cost data, the sending filter).
  await env.DB.prepare("UPDATE notifications SET status = 'sending', sent_at = ? WHERE id = ?").bind(Date.now(), ids[1]).run();
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
    const body = (await (await apiFetch(`/v2/notifications/${ids[1]}`, tenant.keys.normal)).json()) as Record<string, any>;
    expect(body.is_cost_data_ready).toBe(true);
    expect(body.cost_details).toMatchObject({ billable_sms_fragments: 1, international_rate_multiplier: 1 });
    expect(body.sent_at).toMatch(/Z$/);
  });

  it("any key of the service may read", async () => {
    expect((await apiFetch(`/v2/notifications/${ids[0]}`, tenant.keys.test)).status).toBe(200);
  });

  it("another service gets 404", async () => {
    const cross = await apiFetch(`/v2/notifications/${ids[0]}`, other.keys.normal);
    expect(cross.status).toBe(404);
    expect(await readError(cross)).toMatchObject({ errors: [{ error: "NoResultFound", message: "No result found" }] });
  });

  it("a malformed id is 400", async () => {
    const bad = await apiFetch("/v2/notifications/not-a-uuid", tenant.keys.normal);
    expect(await readError(bad)).toMatchObject({
      status_code: 400,
      errors: [{ error: "ValidationError", message: "notification_id is not a valid UUID" }],
    });
  });
});

describe("GET /v2/notifications", () => {
  const list = async (q: string, key = tenant.keys.normal) =>
    (await (await apiFetch(`/v2/notifications${q}`, key)).json()) as { notifications: { id: string }[]; links: Record<string, string> };
  const listedIds = async (q: string) => (await list(q)).notifications.map((n) => n.id);

  it("lists newest first", async () => {
    expect(await listedIds("")).toEqual([...ids].reverse());
  });

  it("links to the current page and the next", async () => {
    expect((await list("")).links).toEqual({
      current: "http://notifynl.test/v2/notifications",
      next: `http://notifynl.test/v2/notifications?older_than=${ids[0]}`,
    });
  });

  it("lists only notifications sent with the same key type", async () => {
    expect((await list("", tenant.keys.test)).notifications).toHaveLength(1);
  });

  it.each([
    ["template_type", () => "?template_type=email", () => [ids[3]]],
    ["status", () => "?status=sending", () => [ids[1]]],
    ["status alias accepted (created and sending)", () => "?status=accepted", () => [...ids].reverse()],
    ["status alias failed (the failure statuses)", () => "?status=failed", () => []],
    ["reference", () => "?reference=ref-2", () => [ids[2]]],
    ["older_than", () => `?older_than=${ids[2]}`, () => [ids[1], ids[0]]],
    ["older_than an unknown id", () => `?older_than=${crypto.randomUUID()}`, () => []],
  ])("filters by %s", async (_name, query, expected) => {
    expect(await listedIds(query())).toEqual(expected());
  });

  it("gives no next link on the last page", async () => {
    const empty = await list(`?older_than=${ids[0]}`);
    expect(empty.notifications).toEqual([]);
    expect(empty.links.next).toBeUndefined();
  });

  it("keeps the filters in the next link", async () => {
    const sms = await list("?template_type=sms&status=created");
    expect(sms.links.next).toMatch(
      /^http:\/\/notifynl\.test\/v2\/notifications\?older_than=[0-9a-f-]{36}&template_type=sms&status=created$/,
    );
  });

  it("refuses an unknown parameter", async () => {
    const bad = await apiFetch("/v2/notifications?status=elephant&template_type=fax&colour=red", tenant.keys.normal);
    expect(bad.status).toBe(400);
    expect((await readError(bad)).messages).toContain("Additional properties are not allowed (colour was unexpected)");
  });

  it("refuses an unknown status, listing the valid ones", async () => {
    const statusBad = await apiFetch("/v2/notifications?status=elephant", tenant.keys.normal);
    expect(statusBad.status).toBe(400);
    expect((await readError(statusBad)).messages).toEqual([
      expect.stringMatching(/^status elephant is not one of \[cancelled, created, sending/),
    ]);
  });

  it("never shows another service's notifications", async () => {
    const body = (await (await apiFetch("/v2/notifications", other.keys.normal)).json()) as { notifications: unknown[] };
    expect(body.notifications).toEqual([]);
  });
});
