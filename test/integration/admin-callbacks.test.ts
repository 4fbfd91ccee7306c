/** Admin API service callbacks (src/admin/callbacks/set-callback.ts): set, replace, encrypted tokens, URL rules. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { setCallback } from "../../src/admin/callbacks/set-callback";
import { createDb } from "../../src/db/database";
import { createSecretBox } from "../../src/lib/crypto";
import { adminFetch, adminJson, countRows, createTenant, readError, type Tenant } from "../support/fixtures";

let tenant: Tenant;
const path = (type = "delivery-status") => `/admin/services/${tenant.serviceId}/callbacks/${type}`;

beforeAll(async () => {
  tenant = await createTenant();
});

async function storedCallbacks(serviceId: string) {
  const rows = await env.DB.prepare("SELECT * FROM service_callbacks WHERE service_id = ? ORDER BY callback_type").bind(serviceId).all();
  return rows.results;
}

describe("PUT /admin/services/{id}/callbacks/{type}", () => {
  it("sets a delivery-status callback with the token encrypted at rest, and replaces it", async () => {
    const token = "geheim-token-1234567890";
    const res = await adminFetch(path(), { method: "PUT", body: { url: "https://ontvanger.example.nl/notify", bearer_token: token } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(token);
    const callback = JSON.parse(text) as Record<string, unknown>;
    expect(callback).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      service_id: tenant.serviceId,
      callback_type: "delivery_status",
      url: "https://ontvanger.example.nl/notify",
      updated_at: expect.stringMatching(/Z$/),
    });
    const [row] = await storedCallbacks(tenant.serviceId);
    expect(String(row?.bearer_token_encrypted)).not.toContain(token);
    expect(await createSecretBox(env.KEY_ENCRYPTION_KEY).decrypt(String(row?.bearer_token_encrypted))).toBe(token);

    const replaced = await adminJson<Record<string, unknown>>("PUT", path(), {
      url: "https://nieuw.example.nl/cb",
      bearer_token: "ander-token-123",
    });
    expect(replaced.id).toBe(callback.id);
    const rows = await storedCallbacks(tenant.serviceId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.url).toBe("https://nieuw.example.nl/cb");
    const audits = await env.DB.prepare("SELECT details FROM audit_log WHERE target_id = ? ORDER BY at, rowid").bind(callback.id).all();
    expect(audits.results).toHaveLength(2);
    expect(JSON.stringify(audits.results)).not.toContain("token-");
  });

  it("sets an inbound-sms callback beside it", async () => {
    const inbound = await adminJson<Record<string, unknown>>("PUT", path("inbound-sms"), {
      url: "https://ontvanger.example.nl/in",
      bearer_token: "inbound-token-1",
    });
    expect(inbound.callback_type).toBe("inbound_sms");
    expect((await storedCallbacks(tenant.serviceId)).map((r) => r.callback_type)).toEqual(["delivery_status", "inbound_sms"]);
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
    expect((await readError(res)).messages).toEqual(messages);
    expect([await countRows("service_callbacks"), await countRows("audit_log")]).toEqual(before);
  });

  it("404 for an unknown callback type or service", async () => {
    const body = { url: "https://x.example.nl", bearer_token: "lang-genoeg-token" };
    expect((await adminFetch(path("complaint"), { method: "PUT", body })).status).toBe(404);
    expect((await adminFetch(`/admin/services/${crypto.randomUUID()}/callbacks/delivery-status`, { method: "PUT", body })).status).toBe(
      404,
    );
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
