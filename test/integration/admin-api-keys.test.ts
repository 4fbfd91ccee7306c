/** Admin API keys (src/admin/api-keys/): create (shown once, stored encrypted), list, revoke, names. */
import { env } from "cloudflare:workers";
import * as v from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import { getApiKeyOperation } from "../../src/admin/api-keys/get-api-key";
import { listApiKeysOperation } from "../../src/admin/api-keys/list-api-keys";
import { createSecretBox } from "../../src/lib/crypto";
import { adminFetch, adminJson, apiFetch, BASE_URL, countRows, createTenant, readProblem, type Tenant } from "../support/fixtures";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

/** A created key as the admin API answers it, all of it; a test pins the values it set. */
const aCreatedKey = (values: Record<string, unknown> = {}) => ({
  id: expect.stringMatching(new RegExp(`^${UUID4}$`)),
  service_id: expect.any(String),
  name: expect.any(String),
  key_type: expect.any(String),
  key: expect.any(String),
  created_at: expect.stringMatching(TIMESTAMP),
  revoked_at: null,
  last_used_at: null,
  ...values,
});

type CreatedKey = { id: string; key: string };
type Key = Record<string, unknown> & { id: string; created_at: string; revoked_at: string | null };
type KeyList = { api_keys: Key[]; links: { next: string | null } };

/** Ids in the list's order: oldest first by (created_at, id). */
const inListOrder = (keys: readonly Key[]) =>
  [...keys].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id)).map((k) => k.id);

let tenant: Tenant;
let other: Tenant;
const keysPath = () => `/admin/v1/services/${tenant.serviceId}/api-keys`;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
});

describe("POST /admin/v1/services/{id}/api-keys", () => {
  it.each(["normal", "team", "test"])("creates a %s key shown once as <name>-<service_id>-<uuid4>", async (keyType) => {
    const created = await adminJson<CreatedKey>("POST", keysPath(), { name: `Productie Sleutel ${keyType}`, key_type: keyType });
    expect(created).toEqual(
      aCreatedKey({
        service_id: tenant.serviceId,
        name: `Productie Sleutel ${keyType}`,
        key_type: keyType,
        key: expect.stringMatching(new RegExp(`^productie_sleutel_${keyType}-${tenant.serviceId}-${UUID4}$`)),
      }),
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
    expect(Object.entries(row ?? {}).filter(([, value]) => String(value).includes(secret))).toEqual([]);
    expect(await createSecretBox(env.KEY_ENCRYPTION_KEY).decrypt(stored)).toBe(secret);
  });

  it("writes an audit row that names the key but holds no secret", async () => {
    const created = await adminJson<CreatedKey>("POST", keysPath(), { name: "audited", key_type: "normal" });
    const secret = created.key.slice(-36);
    const audit = await env.DB.prepare("SELECT * FROM audit_log WHERE target_id = ?").bind(created.id).first<Record<string, unknown>>();
    expect(audit).toMatchObject({ action: "api_key.create", service_id: tenant.serviceId, organisation_id: tenant.organisationId });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("refuses a duplicate name in the service with 400, storing nothing", async () => {
    await adminJson("POST", keysPath(), { name: "dubbel", key_type: "normal" });
    const before = [await countRows("api_keys"), await countRows("audit_log")];
    const res = await adminFetch(keysPath(), { method: "POST", body: { name: "dubbel", key_type: "test" } });
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({
      code: "BadRequestError",
      messages: ["An API key named 'dubbel' already exists for this service"],
    });
    expect([await countRows("api_keys"), await countRows("audit_log")]).toEqual(before);
  });

  it("allows the same name in another service", async () => {
    await adminJson("POST", keysPath(), { name: "tweemaal", key_type: "normal" });
    expect(await adminJson("POST", `/admin/v1/services/${other.serviceId}/api-keys`, { name: "tweemaal", key_type: "test" })).toEqual(
      aCreatedKey({ service_id: other.serviceId, name: "tweemaal", key_type: "test" }),
    );
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
    expect((await readProblem(res)).messages).toEqual(messages);
    expect(await countRows("api_keys")).toBe(before);
  });

  it("404 for an unknown service", async () => {
    const res = await adminFetch(`/admin/v1/services/${crypto.randomUUID()}/api-keys`, {
      method: "POST",
      body: { name: "k", key_type: "normal" },
    });
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Service not found"]);
  });
});

describe("GET /admin/v1/services/{id}/api-keys", () => {
  let text: string;
  let apiKeys: Record<string, unknown>[];
  beforeAll(async () => {
    const res = await adminFetch(keysPath());
    expect(res.status).toBe(200);
    text = await res.text();
    apiKeys = (JSON.parse(text) as { api_keys: Record<string, unknown>[] }).api_keys;
  });

  it("lists the service's keys, and only those", () => {
    expect(apiKeys.map((k) => k.id)).toEqual(expect.arrayContaining(Object.values(tenant.keys).map((k) => k.id)));
    expect(apiKeys.filter((k) => k.service_id !== tenant.serviceId)).toEqual([]);
  });

  it("shows each key without its secret", () => {
    const { key: _key, ...listed } = aCreatedKey({
      service_id: tenant.serviceId,
      revoked_at: expect.toBeOneOf([null, expect.stringMatching(TIMESTAMP)]),
    });
    expect(apiKeys).toEqual(apiKeys.map(() => listed));
    expect(Object.values(tenant.keys).filter((key) => text.includes(key.secret))).toEqual([]);
  });
});

describe("GET /admin/v1/services/{id}/api-keys pages and filters", () => {
  let keyed: Tenant;
  let all: Key[];
  let revokedId: string;
  const path = () => `/admin/v1/services/${keyed.serviceId}/api-keys`;
  beforeAll(async () => {
    keyed = await createTenant();
    for (const name of ["vier", "vijf"]) await adminJson("POST", path(), { name, key_type: "normal" });
    revokedId = keyed.keys.team.id;
    await adminJson("DELETE", `${path()}/${revokedId}`, undefined, 204);
    all = (await adminJson<KeyList>("GET", path())).api_keys;
  });

  it("lists all five keys oldest first, on one page", async () => {
    const page = await adminJson<KeyList>("GET", path());
    expect(page.api_keys.map((k) => k.id)).toEqual(inListOrder(all));
    expect(page.api_keys).toHaveLength(5);
    expect(page.links).toEqual({ next: null });
  });

  it("pages of 2 follow each other without gaps or repeats, the last with links.next null", async () => {
    const pages: string[][] = [];
    for (let next: string | null = `${path()}?pageSize=2`; next; ) {
      const { pathname, search }: URL = new URL(next, BASE_URL);
      const page: KeyList = await adminJson<KeyList>("GET", pathname + search);
      pages.push(page.api_keys.map((k) => k.id));
      next = page.links.next;
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(inListOrder(all));
  });

  it("answers as its declared response schema says, with nothing undeclared", async () => {
    const body = await adminJson("GET", `${path()}?pageSize=2`);
    expect(v.parse(listApiKeysOperation.ok.schema ?? v.never(), body)).toEqual(body);
  });

  it("?revoked=true lists only the revoked key", async () => {
    expect((await adminJson<KeyList>("GET", `${path()}?revoked=true`)).api_keys.map((k) => k.id)).toEqual([revokedId]);
  });

  it("?revoked=false lists only the active keys", async () => {
    const ids = (await adminJson<KeyList>("GET", `${path()}?revoked=false`)).api_keys.map((k) => k.id);
    expect(ids).toEqual(inListOrder(all.filter((k) => k.id !== revokedId)));
  });

  it.each([
    ["revoked=maybe", ["revoked must be true or false"]],
    ["pageSize=0", ["pageSize must be a whole number from 1 to 500"]],
    ["pageSize=501", ["pageSize must be a whole number from 1 to 500"]],
    ["key_type=normal", ["Unknown query parameters are not allowed (key_type was unexpected)"]],
  ])("400 for ?%s", async (query, messages) => {
    const res = await adminFetch(`${path()}?${query}`);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(messages);
  });

  it("400 for after = another service's key", async () => {
    const res = await adminFetch(`${path()}?after=${other.keys.normal.id}`);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["after is not the id of a row in this list"]);
  });

  it("404 under ?organisationId= of another organisation", async () => {
    const res = await adminFetch(`${path()}?organisationId=${other.organisationId}`);
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Service not found"]);
  });
});

describe("GET /admin/v1/services/{id}/api-keys/{key_id}", () => {
  const get = (id: string, query = "") => adminFetch(`${keysPath()}/${id}${query}`);

  it("shows the key as the list does, without its secret", async () => {
    const created = await adminJson<CreatedKey>("POST", keysPath(), { name: "lezen", key_type: "test" });
    const res = await get(created.id);
    expect(res.status).toBe(200);
    const text = await res.text();
    const { key: _key, ...listed } = aCreatedKey({ id: created.id, service_id: tenant.serviceId, name: "lezen", key_type: "test" });
    expect(JSON.parse(text)).toEqual(listed);
    expect(text).not.toContain(created.key.slice(-36));
  });

  it("answers as its declared response schema says, with nothing undeclared", async () => {
    const body = await adminJson("GET", `${keysPath()}/${tenant.keys.test.id}`);
    // v.object drops undeclared keys, so parsing gives the body back only if every key is declared.
    expect(v.parse(getApiKeyOperation.ok.schema ?? v.never(), body)).toEqual(body);
  });

  it("shows when the key last authenticated a request", async () => {
    const created = await adminJson<CreatedKey>("POST", keysPath(), { name: "gebruikt", key_type: "test" });
    expect((await adminJson<{ last_used_at: string | null }>("GET", `${keysPath()}/${created.id}`)).last_used_at).toBeNull();
    const before = Date.now() - 1;
    expect((await apiFetch("/v2/templates", created.key)).status).toBe(200);
    const { last_used_at } = await adminJson<{ last_used_at: string }>("GET", `${keysPath()}/${created.id}`);
    expect(Date.parse(last_used_at)).toBeGreaterThanOrEqual(before);
  });

  it("shows a revoked key with its revocation time", async () => {
    const created = await adminJson<CreatedKey>("POST", keysPath(), { name: "lezen ingetrokken", key_type: "team" });
    await adminJson("DELETE", `${keysPath()}/${created.id}`, undefined, 204);
    expect(((await (await get(created.id)).json()) as Key).revoked_at).toMatch(TIMESTAMP);
  });

  it.each([
    ["an unknown key", () => crypto.randomUUID()],
    ["a malformed id", () => "abc"],
    ["another service's key", () => other.keys.normal.id],
  ])("404 for %s", async (_name, keyId) => {
    const res = await get(keyId());
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["API key not found"]);
  });

  it("404 under ?organisationId= of another organisation", async () => {
    const res = await get(tenant.keys.normal.id, `?organisationId=${other.organisationId}`);
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Service not found"]);
  });
});

describe("DELETE /admin/v1/services/{id}/api-keys/{key_id}", () => {
  const revoke = (id: string) => adminFetch(`${keysPath()}/${id}`, { method: "DELETE" });
  const created = () => adminJson<CreatedKey>("POST", keysPath(), { name: `intrekken ${crypto.randomUUID()}`, key_type: "team" });

  it("revokes the key: 204 without a body", async () => {
    const res = await revoke((await created()).id);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
  });

  it("two simultaneous revocations: one 204, one 400, one audit row", async () => {
    const { id } = await created();
    const statuses = (await Promise.all([revoke(id), revoke(id)])).map((r) => r.status).sort();
    expect(statuses).toEqual([204, 400]);
    const audit = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'api_key.revoke' AND target_id = ?")
      .bind(id)
      .first("n");
    expect(audit).toBe(1);
  });

  it("lists a revoked key with its revocation time", async () => {
    const { id } = await created();
    await revoke(id);
    const listed = (await adminJson<{ api_keys: Record<string, unknown>[] }>("GET", keysPath())).api_keys.find((k) => k.id === id);
    expect(listed?.revoked_at).toMatch(TIMESTAMP);
  });

  it("writes one api_key.revoke audit row", async () => {
    const { id } = await created();
    await revoke(id);
    const audits = await env.DB.prepare("SELECT action FROM audit_log WHERE target_id = ? ORDER BY at, rowid").bind(id).all();
    expect(audits.results.map((r) => r.action)).toEqual(["api_key.create", "api_key.revoke"]);
  });

  it("revoking a revoked key is 400 'API key is already revoked', changing nothing", async () => {
    const { id } = await created();
    await revoke(id);
    const revokedAt = (await env.DB.prepare("SELECT revoked_at FROM api_keys WHERE id = ?").bind(id).first())?.revoked_at;
    const audits = await countRows("audit_log");
    const res = await revoke(id);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["API key is already revoked"]);
    expect(await countRows("audit_log")).toBe(audits);
    expect((await env.DB.prepare("SELECT revoked_at FROM api_keys WHERE id = ?").bind(id).first())?.revoked_at).toBe(revokedAt);
  });

  it.each([
    ["an unknown key", () => crypto.randomUUID()],
    ["a malformed id", () => "abc"],
    ["another service's key", () => other.keys.normal.id],
  ])("404 for %s, writing no audit row", async (_name, keyId) => {
    const audits = await countRows("audit_log");
    const res = await revoke(keyId());
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["API key not found"]);
    expect(await countRows("audit_log")).toBe(audits);
  });

  it("404 under ?organisationId= of another organisation, leaving the key active", async () => {
    const { id } = await created();
    const res = await adminFetch(`${keysPath()}/${id}?organisationId=${other.organisationId}`, { method: "DELETE" });
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Service not found"]);
    expect((await env.DB.prepare("SELECT revoked_at FROM api_keys WHERE id = ?").bind(id).first())?.revoked_at).toBeNull();
  });

  it("leaves another service's key active when asked to revoke it", async () => {
    await revoke(other.keys.normal.id);
    const row = await env.DB.prepare("SELECT revoked_at FROM api_keys WHERE id = ?").bind(other.keys.normal.id).first();
    expect(row?.revoked_at).toBeNull();
  });
});

describe("key rotation (create-api-key, then revoke-api-key)", () => {
  it("the new key works and the old one is refused from the revocation on", async () => {
    const t = await createTenant();
    const path = `/admin/v1/services/${t.serviceId}/api-keys`;
    const fresh = await adminJson<CreatedKey>("POST", path, { name: "normal key 2", key_type: "normal" });
    expect((await apiFetch("/v2/templates", t.keys.normal)).status).toBe(200);
    await adminJson("DELETE", `${path}/${t.keys.normal.id}`, undefined, 204);
    expect((await apiFetch("/v2/templates", fresh.key)).status).toBe(200);
    expect((await apiFetch("/v2/templates", t.keys.normal)).status).toBe(403);
  });
});

describe("key names after revocation", () => {
  it("a revoked key's name may be used again, an active one may not", async () => {
    const t = await createTenant();
    const path = `/admin/v1/services/${t.serviceId}/api-keys`;
    expect((await adminFetch(path, { method: "POST", body: { name: "normal key", key_type: "normal" } })).status).toBe(400);
    expect((await adminFetch(`${path}/${t.keys.normal.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await adminFetch(path, { method: "POST", body: { name: "normal key", key_type: "normal" } })).status).toBe(201);
  });
});
