/**
 * The status history read API: GET /v2/notifications/{id}/history
 * (src/api/v2/notifications/get-notification-history.ts) and the admin operation
 * get-notification-history (src/admin/notifications/), over src/notifications/evidence/status-history.ts
 * and the triggers of migrations/0006.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminFetch, adminJson, apiFetch, createTenant, readError, readProblem, type Tenant } from "../support/fixtures";
import { insertNotification } from "../support/notification-factory";
import { driveToDelivered } from "../support/status-steps";

let mine: Tenant;
let theirs: Tenant;

beforeAll(async () => {
  mine = await createTenant();
  theirs = await createTenant();
});

const seed = (tenant: Tenant) => insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId });
const adminHistoryPath = (serviceId: string, id: string) => `/admin/v1/services/${serviceId}/notifications/${id}/history`;

describe("GET /v2/notifications/{id}/history", () => {
  it("shows every step, oldest first, with its time, source and the provider's code", async () => {
    const id = await seed(mine);
    await driveToDelivered(id);
    const res = await apiFetch(`/v2/notifications/${id}/history`, mine.keys.normal);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { notification_id: string; history: Record<string, unknown>[] };
    expect(body.notification_id).toBe(id);
    expect(body.history.map(({ at: _at, ...rest }) => rest)).toEqual([
      { attempt: 1, from_status: null, to_status: "created", source: "api", provider: null, provider_status: null, detail: null },
      { attempt: 1, from_status: "created", to_status: "sending", source: "dispatch", provider: "cm", provider_status: null, detail: null },
      {
        attempt: 1,
        from_status: "sending",
        to_status: "pending",
        source: "provider",
        provider: "cm",
        provider_status: "1",
        detail: "Accepted by operator",
      },
      {
        attempt: 1,
        from_status: "pending",
        to_status: "delivered",
        source: "provider",
        provider: "cm",
        provider_status: "2",
        detail: "Delivered",
      },
    ]);
    expect(body.history.slice(1).map((entry) => entry.at)).toEqual([
      "2030-07-01T10:00:00.000000Z",
      "2030-07-01T10:00:01.500000Z",
      "2030-07-01T10:00:02.250000Z",
    ]);
  });

  it("gives the first entry the time the notification was stored, in Notify's format", async () => {
    const id = await seed(mine);
    const stored = await env.DB.prepare("SELECT created_at FROM notifications WHERE id = ?").bind(id).first<{ created_at: number }>();
    const body = (await (await apiFetch(`/v2/notifications/${id}/history`, mine.keys.test)).json()) as { history: { at: string }[] };
    expect(body.history[0]?.at).toBe(`${new Date(stored?.created_at ?? 0).toISOString().slice(0, 23)}000Z`);
  });

  it("answers another service's notification exactly as GET /v2/notifications/{id} does: 404", async () => {
    const id = await seed(theirs);
    const history = await apiFetch(`/v2/notifications/${id}/history`, mine.keys.normal);
    const get = await apiFetch(`/v2/notifications/${id}`, mine.keys.normal);
    expect(history.status).toBe(404);
    expect(await history.json()).toEqual(await get.json());
  });

  it("answers an unknown id with the same 404 as an existing one of another service", async () => {
    const unknown = await apiFetch(`/v2/notifications/${crypto.randomUUID()}/history`, mine.keys.normal);
    expect(unknown.status).toBe(404);
    expect(await readError(unknown)).toMatchObject({ status_code: 404, messages: ["No result found"] });
  });

  it("answers an id that is not a UUID with the same 400 as GET /v2/notifications/{id}", async () => {
    const history = await apiFetch("/v2/notifications/not-a-uuid/history", mine.keys.normal);
    const get = await apiFetch("/v2/notifications/not-a-uuid", mine.keys.normal);
    expect(history.status).toBe(400);
    expect(await history.json()).toEqual(await get.json());
  });

  it("needs a Notify JWT like every /v2 route", async () => {
    const id = await seed(mine);
    const res = await apiFetch(`/v2/notifications/${id}/history`, mine.keys.normal, { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(403);
  });

  it("leaves GET /v2/notifications/{id} as Notify answers it, without a history", async () => {
    const id = await seed(mine);
    await driveToDelivered(id);
    const body = (await (await apiFetch(`/v2/notifications/${id}`, mine.keys.normal)).json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty("history");
    expect(body).toMatchObject({ id, status: "delivered", completed_at: "2030-07-01T10:00:02.250000Z" });
  });
});

describe("admin get-notification-history", () => {
  it("answers the same history as the public API", async () => {
    const id = await seed(mine);
    await driveToDelivered(id);
    const admin = await adminJson("GET", adminHistoryPath(mine.serviceId, id));
    const v2 = await (await apiFetch(`/v2/notifications/${id}/history`, mine.keys.normal)).json();
    expect(admin).toEqual(v2);
  });

  it("is a 404 for another service's notification under my service, and shows nothing of it", async () => {
    const id = await seed(theirs);
    const res = await adminFetch(adminHistoryPath(mine.serviceId, id));
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Notification not found"]);
  });

  it("is the same 404 for an id that is not a UUID", async () => {
    const res = await adminFetch(adminHistoryPath(mine.serviceId, "not-a-uuid"));
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Notification not found"]);
  });
});

describe("retention", () => {
  it("a purged notification has no history left: the delete trigger removes it", async () => {
    const id = await seed(mine);
    await driveToDelivered(id);
    const count = () =>
      env.DB.prepare("SELECT COUNT(*) AS n FROM notification_events WHERE notification_id = ?").bind(id).first<{ n: number }>();
    expect((await count())?.n).toBe(4);
    await env.DB.prepare("DELETE FROM notifications WHERE id = ?").bind(id).run();
    expect((await count())?.n).toBe(0);
    expect((await apiFetch(`/v2/notifications/${id}/history`, mine.keys.normal)).status).toBe(404);
  });
});
