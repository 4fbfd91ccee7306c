import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createSecretBox } from "../../src/lib/crypto";
import { adminFetch, adminJson, countRows, createTenant, readError, type Tenant } from "../support/fixtures";

interface CreatedKey {
  id: string;
  service_id: string;
  name: string;
  key_type: string;
  key: string;
  created_at: string;
  revoked_at: string | null;
}

let tenant: Tenant;
let other: Tenant;
const keysPath = () => `/admin/services/${tenant.serviceId}/api-keys`;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
});

describe("POST /admin/services/{id}/api-keys", () => {
  it.each(["normal", "team", "test"])("creates a %s key shown once as <name>-<service_id>-<uuid4>", async (keyType) => {
    const created = await adminJson<CreatedKey>("POST", keysPath(), { name: `Productie Sleutel ${keyType}`, key_type: keyType });
    expect(created).toMatchObject({
      service_id: tenant.serviceId,
      name: `Productie Sleutel ${keyType}`,
      key_type: keyType,
      revoked_at: null,
    });
    expect(created.key).toMatch(
      new RegExp(`^productie_sleutel_${keyType}-${tenant.serviceId}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`),
    );
    // Clients read the ids by position from the end.
    expect(created.key.slice(-73, -37)).toBe(tenant.serviceId);
  });

  it("stores only the AES-GCM ciphertext of the secret", async () => {
    const created = await adminJson<CreatedKey>("POST", keysPath(), { name: "encrypted", key_type: "normal" });
    const secret = created.key.slice(-36);
    const row = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?").bind(created.id).first<Record<string, unknown>>();
    const stored = String(row?.secret_encrypted);
    expect(stored).not.toBe(secret);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.replace(/-/g, ""));
    expect(Object.values(row ?? {}).some((value) => String(value).includes(secret))).toBe(false);
    expect(await createSecretBox(env.KEY_ENCRYPTION_KEY).decrypt(stored)).toBe(secret);
    // The audit row names the key but holds no secret.
    const audit = await env.DB.prepare("SELECT * FROM audit_log WHERE target_id = ?").bind(created.id).first<Record<string, unknown>>();
    expect(audit).toMatchObject({ action: "api_key.create", service_id: tenant.serviceId, organisation_id: tenant.organisationId });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("refuses a duplicate name in the service with 400, allows it in another service", async () => {
    await adminJson("POST", keysPath(), { name: "dubbel", key_type: "normal" });
    const before = [await countRows("api_keys"), await countRows("audit_log")];
    const res = await adminFetch(keysPath(), { method: "POST", body: { name: "dubbel", key_type: "test" } });
    expect(res.status).toBe(400);
    const error = await readError(res);
    expect(error.errors[0]?.error).toBe("BadRequestError");
    expect(error.messages[0]).toBe("An API key named 'dubbel' already exists for this service");
    expect([await countRows("api_keys"), await countRows("audit_log")]).toEqual(before);
    await adminJson("POST", `/admin/services/${other.serviceId}/api-keys`, { name: "dubbel", key_type: "test" });
  });

  it.each([
    [{ name: "k" }, ["key_type is a required property"]],
    [{ name: "k", key_type: "live" }, ["key_type is not one of [normal, team, test]"]],
    [{ key_type: "normal" }, ["name is a required property"]],
    [{ name: "k", key_type: "normal", secret: "mine" }, ["Additional properties are not allowed (secret was unexpected)"]],
  ])("400 for %j", async (body, messages) => {
    const before = await countRows("api_keys");
    const res = await adminFetch(keysPath(), { method: "POST", body });
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual(messages);
    expect(await countRows("api_keys")).toBe(before);
  });

  it("404 for an unknown service", async () => {
    const res = await adminFetch(`/admin/services/${crypto.randomUUID()}/api-keys`, {
      method: "POST",
      body: { name: "k", key_type: "normal" },
    });
    expect(res.status).toBe(404);
  });
});

describe("GET /admin/services/{id}/api-keys", () => {
  it("lists the service's keys without secrets", async () => {
    const res = await adminFetch(keysPath());
    expect(res.status).toBe(200);
    const text = await res.text();
    const { api_keys } = JSON.parse(text) as { api_keys: Record<string, unknown>[] };
    expect(api_keys.map((k) => k.id)).toContain(tenant.keys.normal.id);
    expect(api_keys.every((k) => k.service_id === tenant.serviceId)).toBe(true);
    expect(Object.keys(api_keys[0] ?? {}).sort()).toEqual(["created_at", "id", "key_type", "name", "revoked_at", "service_id"]);
    for (const key of Object.values(tenant.keys)) expect(text).not.toContain(key.secret);
  });
});

describe("DELETE /admin/services/{id}/api-keys/{key_id}", () => {
  it("revokes the key (204), idempotently, with one audit row", async () => {
    const created = await adminJson<CreatedKey>("POST", keysPath(), { name: "intrekken", key_type: "team" });
    const res = await adminFetch(`${keysPath()}/${created.id}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    const listed = (await adminJson<{ api_keys: CreatedKey[] }>("GET", keysPath())).api_keys.find((k) => k.id === created.id);
    expect(listed?.revoked_at).toMatch(/Z$/);

    expect((await adminFetch(`${keysPath()}/${created.id}`, { method: "DELETE" })).status).toBe(204);
    const audits = await env.DB.prepare("SELECT action FROM audit_log WHERE target_id = ? ORDER BY at, rowid").bind(created.id).all();
    expect(audits.results.map((r) => r.action)).toEqual(["api_key.create", "api_key.revoke"]);
  });

  it("404 for an unknown key, a malformed id, and another service's key", async () => {
    for (const keyId of [crypto.randomUUID(), "abc", other.keys.normal.id]) {
      const res = await adminFetch(`${keysPath()}/${keyId}`, { method: "DELETE" });
      expect(res.status).toBe(404);
      expect((await readError(res)).messages).toEqual(["API key not found"]);
    }
    const row = await env.DB.prepare("SELECT revoked_at FROM api_keys WHERE id = ?").bind(other.keys.normal.id).first();
    expect(row?.revoked_at).toBeNull();
  });
});

describe("key names after revocation", () => {
  it("a revoked key's name may be used again, an active one may not", async () => {
    const { createTenant, adminFetch } = await import("../support/fixtures");
    const t = await createTenant();
    const path = `/admin/services/${t.serviceId}/api-keys`;
    expect((await adminFetch(path, { method: "POST", body: { name: "normal key", key_type: "normal" } })).status).toBe(400);
    expect((await adminFetch(`${path}/${t.keys.normal.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await adminFetch(path, { method: "POST", body: { name: "normal key", key_type: "normal" } })).status).toBe(201);
  });
});
