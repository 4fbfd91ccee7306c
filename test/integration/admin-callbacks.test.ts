/** Admin API service callbacks (src/admin/callbacks/set-callback.ts): set, replace, encrypted tokens, URL rules. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { setCallback } from "../../src/admin/callbacks/set-callback";
import { createDb } from "../../src/db/database";
import { createSecretBox } from "../../src/lib/crypto";
import { adminFetch, adminJson, countRows, createTenant, readProblem, type Tenant } from "../support/fixtures";

let tenant: Tenant;
const path = (type = "delivery-status", t: Tenant = tenant) => `/admin/v1/services/${t.serviceId}/callbacks/${type}`;

beforeAll(async () => {
  tenant = await createTenant();
});

async function storedCallbacks(serviceId: string) {
  const rows = await env.DB.prepare("SELECT * FROM service_callbacks WHERE service_id = ? ORDER BY callback_type").bind(serviceId).all();
  return rows.results;
}

describe("PUT /admin/v1/services/{id}/callbacks/{type}", () => {
  describe("a delivery-status callback, set and then replaced", () => {
    const token = "geheim-token-1234567890";
    let t: Tenant;
    let setText: string;
    let callback: Record<string, unknown>;
    let replaced: Record<string, unknown>;
    let encryptedFirst: string;
    beforeAll(async () => {
      t = await createTenant();
      const res = await adminFetch(path("delivery-status", t), {
        method: "PUT",
        body: { url: "https://ontvanger.example.nl/notify", bearer_token: token },
      });
      expect(res.status).toBe(200);
      setText = await res.text();
      callback = JSON.parse(setText) as Record<string, unknown>;
      encryptedFirst = String((await storedCallbacks(t.serviceId))[0]?.bearer_token_encrypted);
      replaced = await adminJson<Record<string, unknown>>("PUT", path("delivery-status", t), {
        url: "https://nieuw.example.nl/cb",
        bearer_token: "ander-token-123",
      });
    });

    it("is answered with the callback, without its token", () => {
      expect(setText).not.toContain(token);
      expect(callback).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        service_id: t.serviceId,
        callback_type: "delivery_status",
        url: "https://ontvanger.example.nl/notify",
        updated_at: expect.stringMatching(/Z$/),
      });
    });

    it("stores the token encrypted", async () => {
      expect(encryptedFirst).not.toContain(token);
      expect(await createSecretBox(env.KEY_ENCRYPTION_KEY).decrypt(encryptedFirst)).toBe(token);
    });

    it("is replaced in place: same id, one row, the new URL", async () => {
      expect(replaced.id).toBe(callback.id);
      const rows = await storedCallbacks(t.serviceId);
      expect(rows.map((r) => r.url)).toEqual(["https://nieuw.example.nl/cb"]);
    });

    it("writes an audit row per change, without tokens", async () => {
      const audits = await env.DB.prepare("SELECT details FROM audit_log WHERE target_id = ? ORDER BY at, rowid").bind(callback.id).all();
      expect(audits.results).toHaveLength(2);
      expect(JSON.stringify(audits.results)).not.toContain("token-");
    });
  });

  it("sets an inbound-sms callback beside a delivery-status one", async () => {
    const t = await createTenant();
    await adminJson("PUT", path("delivery-status", t), { url: "https://ontvanger.example.nl/notify", bearer_token: "delivery-token-1" });
    const inbound = await adminJson<Record<string, unknown>>("PUT", path("inbound-sms", t), {
      url: "https://ontvanger.example.nl/in",
      bearer_token: "inbound-token-1",
    });
    expect(inbound.callback_type).toBe("inbound_sms");
    expect((await storedCallbacks(t.serviceId)).map((r) => r.callback_type)).toEqual(["delivery_status", "inbound_sms"]);
  });

  it("allows a local http URL when ALLOW_PRIVATE_CALLBACK_URLS is true (tests, development)", async () => {
    expect(env.ALLOW_PRIVATE_CALLBACK_URLS).toBe("true");
    const res = await adminFetch(path(), { method: "PUT", body: { url: "http://127.0.0.1:9999/hook", bearer_token: "local-token-1" } });
    expect(res.status).toBe(200);
  });

  it.each([
    [{ url: "https://x.example.nl", bearer_token: "kort" }, ["bearer_token is too short (minimum 10 characters)"]],
    [{ url: "ftp://x.example.nl", bearer_token: "lang-genoeg-token" }, ["url is not a valid https url"]],
    [{ url: "geen url", bearer_token: "lang-genoeg-token" }, ["url is not a valid https url"]],
    [{ url: "https://u:p@x.example.nl", bearer_token: "lang-genoeg-token" }, ["url must not contain a user name or password"]],
    [{ url: "https://x.example.nl" }, ["bearer_token is a required property"]],
  ])("400 for %j, storing nothing", async (body, messages) => {
    const before = [await countRows("service_callbacks"), await countRows("audit_log")];
    const res = await adminFetch(path(), { method: "PUT", body });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(messages);
    expect([await countRows("service_callbacks"), await countRows("audit_log")]).toEqual(before);
  });

  it.each([
    ["an unknown callback type", () => path("complaint")],
    ["an unknown service", () => `/admin/v1/services/${crypto.randomUUID()}/callbacks/delivery-status`],
  ])("404 for %s", async (_name, target) => {
    const body = { url: "https://x.example.nl", bearer_token: "lang-genoeg-token" };
    expect((await adminFetch(target(), { method: "PUT", body })).status).toBe(404);
  });
});

describe("setCallback with private URLs not allowed (production)", () => {
  it.each([
    "http://ontvanger.example.nl/",
    "https://127.0.0.1/",
    "https://localhost/",
    "https://10.1.2.3/",
    "https://[::1]/",
    "https://169.254.169.254/",
  ])("refuses %s", async (url) => {
    const db = createDb(env.DB);
    const secrets = createSecretBox(env.KEY_ENCRYPTION_KEY);
    const meta = { actor: "admin", requestId: null, at: Date.now() };
    const service = { id: tenant.serviceId, organisationId: tenant.organisationId };
    await expect(
      setCallback(db, secrets, { allowPrivateUrls: false }, service, "delivery_status", { url, bearer_token: "lang-genoeg-token" }, meta),
    ).rejects.toMatchObject({ status: 400 });
  });
});
