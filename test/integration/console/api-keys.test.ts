/**
 * Console API keys (src/console/pages/api-keys/): the list in Dutch, a new key shown once and
 * stored only encrypted, revoking with an audit row, and the refusals (no permission: 403,
 * another organisation's key: 404, bad input: 400 with Dutch messages and nothing stored).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConsolePermission } from "../../../src/db/schema";
import { createSecretBox } from "../../../src/lib/crypto";
import { consoleFetch, createConsoleUser, csrfOf, signInAs } from "../../support/console-users";
import { apiFetch, createTenant, type Tenant } from "../../support/fixtures";

let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
});

/** A fresh signed-in user on the tenant's service (a user signs in once per TOTP step) and a form token. */
async function signedIn(permissions: ConsolePermission[] = ["view", "manage_api_keys"]) {
  const user = await createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions }]);
  const cookies = await signInAs(user);
  const csrf = csrfOf(await (await consoleFetch("/", { cookies })).text());
  return { user, cookies, csrf };
}

const keysPath = (serviceId = tenant.serviceId) => `/diensten/${serviceId}/api-sleutels`;

async function keyRow(id: string) {
  return env.DB.prepare("SELECT * FROM api_keys WHERE id = ?").bind(id).first<Record<string, string | number | null>>();
}

async function auditRows(targetId: string) {
  const rows = await env.DB.prepare("SELECT action, actor FROM audit_log WHERE target_id = ? ORDER BY at, rowid").bind(targetId).all();
  return rows.results as { action: string; actor: string }[];
}

describe("console API keys", () => {
  it("lists the keys with their kind in Dutch and 'Nog niet gebruikt'", async () => {
    const { cookies } = await signedIn();
    const response = await consoleFetch(keysPath(), { cookies });
    expect(response.status).toBe(200);
    const html = await response.text();
    // The kind in each key's own table row (the explanation above the table names every kind anyway).
    const rowOf = (name: string) => html.split("<tr").find((row) => row.includes(`>${name}<`)) ?? "";
    expect(rowOf("normal key")).toContain(">Live<");
    expect(rowOf("team key")).toContain(">Team en proefontvangers<");
    expect(rowOf("test key")).toContain(">Test<");
    expect(rowOf("normal key")).toContain("Nog niet gebruikt");
    expect(html).toContain(`${keysPath()}/${tenant.keys.normal.id}/intrekken`);
  });

  it("shows a new key once, stores only its ciphertext, and the key works", async () => {
    const { user, cookies, csrf } = await signedIn();
    const response = await consoleFetch(`${keysPath()}/nieuw`, { cookies, form: { _csrf: csrf, naam: "Zaaksysteem", soort: "normal" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("U ziet hem hierna nooit meer");
    const key = new RegExp(`zaaksysteem-${tenant.serviceId}-([0-9a-f-]{36})`).exec(html);
    expect(key).not.toBeNull();
    const secret = key?.[1] ?? "";

    const row = await env.DB.prepare("SELECT * FROM api_keys WHERE service_id = ? AND name = 'Zaaksysteem'")
      .bind(tenant.serviceId)
      .first<{ id: string; secret_encrypted: string; key_type: string }>();
    expect(row?.key_type).toBe("normal");
    expect(row?.secret_encrypted).not.toContain(secret);
    expect(await createSecretBox(env.KEY_ENCRYPTION_KEY).decrypt(row?.secret_encrypted ?? "")).toBe(secret);
    expect(await auditRows(row?.id ?? "")).toEqual([{ action: "api_key.create", actor: user.emailAddress }]);

    const list = await (await consoleFetch(keysPath(), { cookies })).text();
    expect(list).toContain("Zaaksysteem");
    expect(list).not.toContain(secret);
    expect((await apiFetch("/v2/templates", key?.[0] ?? "")).status).toBe(200);
  });

  it("refuses an empty name and no kind in Dutch, storing nothing", async () => {
    const { cookies, csrf } = await signedIn();
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM api_keys").first("n");
    const response = await consoleFetch(`${keysPath()}/nieuw`, { cookies, form: { _csrf: csrf, naam: "  " } });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Vul een naam in.");
    expect(html).toContain("Kies de soort sleutel.");
    expect(html).toContain("Er is een probleem");
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM api_keys").first("n")).toBe(before);
  });

  it("refuses the name of an active key in Dutch, keeping what was typed", async () => {
    const { cookies, csrf } = await signedIn();
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM api_keys").first("n");
    const response = await consoleFetch(`${keysPath()}/nieuw`, { cookies, form: { _csrf: csrf, naam: "team key", soort: "team" } });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Deze dienst heeft al een sleutel met deze naam.");
    expect(html).toContain('value="team key"');
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM api_keys").first("n")).toBe(before);
  });

  it("revokes after a confirmation page: audited, marked on the list, and the key stops working", async () => {
    const { user, cookies, csrf } = await signedIn();
    const created = await consoleFetch(`${keysPath()}/nieuw`, { cookies, form: { _csrf: csrf, naam: "Weg ermee", soort: "test" } });
    const fullKey = new RegExp(`weg_ermee-${tenant.serviceId}-[0-9a-f-]{36}`).exec(await created.text())?.[0] ?? "";
    const id = (await env.DB.prepare("SELECT id FROM api_keys WHERE name = 'Weg ermee'").first<string>("id")) ?? "";
    expect((await apiFetch("/v2/templates", fullKey)).status).toBe(200);

    const confirm = await consoleFetch(`${keysPath()}/${id}/intrekken`, { cookies });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain("Ja, sleutel intrekken");
    const revoked = await consoleFetch(`${keysPath()}/${id}/intrekken`, { cookies, form: { _csrf: csrf } });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("location")).toBe(`${keysPath()}?melding=sleutel-ingetrokken`);

    expect((await keyRow(id))?.revoked_at).toBeGreaterThan(0);
    expect((await auditRows(id)).map((row) => row.action)).toEqual(["api_key.create", "api_key.revoke"]);
    expect((await auditRows(id))[1]?.actor).toBe(user.emailAddress);
    const list = await (await consoleFetch(`${keysPath()}?melding=sleutel-ingetrokken`, { cookies })).text();
    expect(list).toContain("De API-sleutel is ingetrokken.");
    expect(list).toContain("Ingetrokken op");
    expect((await apiFetch("/v2/templates", fullKey)).status).toBe(403);
  });

  it("revoking a revoked key again changes nothing and says so", async () => {
    const { cookies, csrf } = await signedIn();
    await consoleFetch(`${keysPath()}/nieuw`, { cookies, form: { _csrf: csrf, naam: "Twee keer", soort: "test" } });
    const id = (await env.DB.prepare("SELECT id FROM api_keys WHERE name = 'Twee keer'").first<string>("id")) ?? "";
    await consoleFetch(`${keysPath()}/${id}/intrekken`, { cookies, form: { _csrf: csrf } });
    const again = await consoleFetch(`${keysPath()}/${id}/intrekken`, { cookies, form: { _csrf: csrf } });
    expect(again.headers.get("location")).toBe(`${keysPath()}?melding=sleutel-al-ingetrokken`);
    expect((await auditRows(id)).map((row) => row.action)).toEqual(["api_key.create", "api_key.revoke"]);
  });

  it("a user without manage_api_keys gets 403 on every page and revokes nothing", async () => {
    const { cookies, csrf } = await signedIn(["view", "manage_service", "send"]);
    expect((await consoleFetch(keysPath(), { cookies })).status).toBe(403);
    expect((await consoleFetch(`${keysPath()}/nieuw`, { cookies })).status).toBe(403);
    const create = await consoleFetch(`${keysPath()}/nieuw`, { cookies, form: { _csrf: csrf, naam: "Mag niet", soort: "normal" } });
    expect(create.status).toBe(403);
    const revoke = await consoleFetch(`${keysPath()}/${tenant.keys.team.id}/intrekken`, { cookies, form: { _csrf: csrf } });
    expect(revoke.status).toBe(403);
    expect((await keyRow(tenant.keys.team.id))?.revoked_at).toBeNull();
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM api_keys WHERE name = 'Mag niet'").first("n")).toBe(0);
  });

  it("another organisation's key id is a 404 and revokes nothing", async () => {
    const { cookies, csrf } = await signedIn();
    const path = `${keysPath()}/${other.keys.normal.id}/intrekken`;
    expect((await consoleFetch(path, { cookies })).status).toBe(404);
    const post = await consoleFetch(path, { cookies, form: { _csrf: csrf } });
    expect(post.status).toBe(404);
    expect(await post.text()).toContain("Pagina niet gevonden");
    expect((await keyRow(other.keys.normal.id))?.revoked_at).toBeNull();
    expect((await auditRows(other.keys.normal.id)).map((row) => row.action)).toEqual(["api_key.create"]);
  });

  it("another organisation's service is a 404, even with its key id", async () => {
    const { cookies } = await signedIn();
    expect((await consoleFetch(keysPath(other.serviceId), { cookies })).status).toBe(404);
    expect((await consoleFetch(`${keysPath(other.serviceId)}/${other.keys.normal.id}/intrekken`, { cookies })).status).toBe(404);
  });
});
