/**
 * Named admin credentials (src/admin/admin-credentials/): creation (token shown once, hash stored),
 * listing, revoking and role changes with the last-admin guard, and token authentication
 * (bootstrap token, cache, write-behind last_used_at, failure counting and logging). The domain
 * functions are called directly on the test D1; the HTTP layer is tested with the routes.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hashAdminSecret } from "../../src/admin/admin-credentials/admin-token";
import { type AdminAuthDeps, authenticateAdminToken } from "../../src/admin/admin-credentials/authenticate-admin-token";
import { changeAdminCredentialRole } from "../../src/admin/admin-credentials/change-admin-credential-role";
import { createAdminCredential } from "../../src/admin/admin-credentials/create-admin-credential";
import { findAdminCredential, listAdminCredentials } from "../../src/admin/admin-credentials/read-admin-credentials";
import { revokeAdminCredential } from "../../src/admin/admin-credentials/revoke-admin-credential";
import type { ChangeMeta } from "../../src/admin/audit";
import { createDb } from "../../src/db/database";
import type { AdminRole } from "../../src/db/schema";
import { countRows } from "../support/fixtures";

const db = createDb(env.DB);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const TOKEN = /^nnladm-([0-9a-f-]{36})-([A-Za-z0-9_-]{43})$/;
const BOOTSTRAP = "test-bootstrap-admin-token-0123456789";

let counter = 0;
/** A name no other test uses (the table is shared by every test in this file). */
const uniqueName = (label: string) => `${label}-${++counter}-${crypto.randomUUID().slice(0, 8)}`;
const meta = (at = Date.now()): ChangeMeta => ({ actor: "ops-alice", requestId: "req-test", at });

async function create(role: AdminRole = "admin", name = uniqueName(role)) {
  return createAdminCredential(db, { name, role }, meta());
}

/** Revokes every other active admin behind the domain's back, so `id` is the last active admin. */
async function makeOnlyActiveAdmin(id: string): Promise<void> {
  await env.DB.prepare("UPDATE admin_credentials SET revoked_at = ? WHERE role = 'admin' AND revoked_at IS NULL AND id <> ?")
    .bind(Date.now(), id)
    .run();
}

const row = (id: string) => env.DB.prepare("SELECT * FROM admin_credentials WHERE id = ?").bind(id).first<Record<string, unknown>>();
const auditRows = (id: string) =>
  env.DB.prepare("SELECT * FROM audit_log WHERE target_id = ? ORDER BY at, id").bind(id).all<Record<string, unknown>>();

function authDeps(now = Date.now()): AdminAuthDeps & { clock: { now: () => number; set(ms: number): void } } {
  let time = now;
  return {
    db,
    bootstrapToken: BOOTSTRAP,
    clock: { now: () => time, set: (ms) => (time = ms) },
  };
}

afterEach(() => vi.restoreAllMocks());

describe("createAdminCredential", () => {
  it("returns the credential and a token nnladm-<id>-<43 base64url characters>, shown once", async () => {
    const name = uniqueName("ops");
    const created = await createAdminCredential(db, { name, role: "read-only" }, meta());
    expect(created.credential).toEqual({
      id: expect.any(String),
      name,
      role: "read-only",
      created_at: expect.stringMatching(TIMESTAMP),
      created_by: "ops-alice",
      revoked_at: null,
      last_used_at: null,
      failed_attempts: 0,
    });
    expect(TOKEN.exec(created.token)?.[1]).toBe(created.credential.id);
  });

  it("stores only the SHA-256 hex of the secret, nowhere the token or secret", async () => {
    const { credential, token } = await create();
    const secret = token.slice(-43);
    const stored = await row(credential.id);
    expect(stored?.secret_hash).toBe(await hashAdminSecret(secret));
    expect(stored?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it("writes an admin_credential.create audit row with name and role, never the token", async () => {
    const { credential, token } = await create("read-only");
    const { results } = await auditRows(credential.id);
    expect(results).toEqual([
      expect.objectContaining({
        action: "admin_credential.create",
        actor: "ops-alice",
        request_id: "req-test",
        target_type: "admin_credential",
        organisation_id: null,
        service_id: null,
      }),
    ]);
    expect(JSON.parse(String(results[0]?.details))).toEqual({ name: credential.name, role: "read-only" });
    expect(JSON.stringify(results)).not.toContain(token.slice(-43));
  });

  it("refuses a duplicate name (also in another case), storing nothing", async () => {
    const name = uniqueName("Dubbel");
    await create("admin", name);
    const before = [await countRows("admin_credentials"), await countRows("audit_log")];
    for (const again of [name, name.toLowerCase()]) {
      await expect(create("read-only", again)).rejects.toMatchObject({
        status: 400,
        errors: [{ error: "BadRequestError", message: `An admin credential named '${again}' already exists` }],
      });
    }
    expect([await countRows("admin_credentials"), await countRows("audit_log")]).toEqual(before);
  });

  it("refuses the name of a revoked credential: names stay unambiguous in the audit log", async () => {
    const { credential } = await create("read-only");
    await revokeAdminCredential(db, credential.id, meta());
    await expect(create("read-only", credential.name)).rejects.toMatchObject({ status: 400 });
  });
});

describe("listAdminCredentials and findAdminCredential", () => {
  it("lists oldest first, revoked credentials included", async () => {
    const first = await createAdminCredential(db, { name: uniqueName("old"), role: "read-only" }, meta(Date.now() - 60_000));
    const second = await create("read-only");
    await revokeAdminCredential(db, first.credential.id, meta());
    const ids = (await listAdminCredentials(db)).map((c) => c.id);
    expect(ids.indexOf(first.credential.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first.credential.id)).toBeLessThan(ids.indexOf(second.credential.id));
  });

  it("finds one by id, in any case", async () => {
    const { credential } = await create("read-only");
    expect(await findAdminCredential(db, credential.id.toUpperCase())).toEqual(credential);
  });

  it.each([crypto.randomUUID(), "not-a-uuid", ""])("404 for %j", async (id) => {
    await expect(findAdminCredential(db, id)).rejects.toMatchObject({
      status: 404,
      errors: [{ error: "NoResultFound", message: "Admin credential not found" }],
    });
  });
});

describe("revokeAdminCredential", () => {
  it("sets revoked_at and writes an admin_credential.revoke audit row", async () => {
    const { credential } = await create("read-only");
    const at = Date.now();
    const revoked = await revokeAdminCredential(db, credential.id, meta(at));
    expect(revoked).toMatchObject({ id: credential.id, revoked_at: expect.stringMatching(TIMESTAMP) });
    expect((await row(credential.id))?.revoked_at).toBe(at);
    const { results } = await auditRows(credential.id);
    expect(results.map((r) => r.action)).toEqual(["admin_credential.create", "admin_credential.revoke"]);
    expect(results[1]).toMatchObject({ at, actor: "ops-alice", request_id: "req-test", target_type: "admin_credential", service_id: null });
    expect(JSON.parse(String(results[1]?.details))).toEqual({ name: credential.name, role: "read-only" });
  });

  it("refuses to revoke twice, without a second audit row", async () => {
    const { credential } = await create("read-only");
    await revokeAdminCredential(db, credential.id, meta());
    await expect(revokeAdminCredential(db, credential.id, meta())).rejects.toMatchObject({
      status: 400,
      errors: [{ error: "BadRequestError", message: "Admin credential is already revoked" }],
    });
    expect((await auditRows(credential.id)).results).toHaveLength(2);
  });

  it("refuses to revoke the last active admin, writing nothing", async () => {
    const { credential } = await create("admin");
    await makeOnlyActiveAdmin(credential.id);
    const before = await countRows("audit_log");
    await expect(revokeAdminCredential(db, credential.id, meta())).rejects.toMatchObject({
      status: 400,
      errors: [{ error: "BadRequestError", message: "Cannot revoke the last active admin credential" }],
    });
    expect((await row(credential.id))?.revoked_at).toBeNull();
    expect(await countRows("audit_log")).toBe(before);
  });

  it("of two concurrent revokes of the last two admins, one is refused and leaves no audit row", async () => {
    const a = await create("admin");
    const b = await create("admin");
    await makeOnlyActiveAdmin(a.credential.id);
    await env.DB.prepare("UPDATE admin_credentials SET revoked_at = NULL WHERE id = ?").bind(b.credential.id).run();
    const results = await Promise.allSettled([a, b].map((c) => revokeAdminCredential(db, c.credential.id, meta())));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const active = await env.DB.prepare("SELECT count(*) AS n FROM admin_credentials WHERE role = 'admin' AND revoked_at IS NULL").first<{
      n: number;
    }>();
    expect(active?.n).toBe(1);
    const revokes = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'admin_credential.revoke' AND target_id IN (?, ?)",
    )
      .bind(a.credential.id, b.credential.id)
      .first<{ n: number }>();
    expect(revokes?.n).toBe(1);
  });

  it("revokes a read-only credential even when only one admin is active", async () => {
    const admin = await create("admin");
    const reader = await create("read-only");
    await makeOnlyActiveAdmin(admin.credential.id);
    expect((await revokeAdminCredential(db, reader.credential.id, meta())).revoked_at).not.toBeNull();
  });

  it("404 for an unknown id", async () => {
    await expect(revokeAdminCredential(db, crypto.randomUUID(), meta())).rejects.toMatchObject({ status: 404 });
  });
});

describe("changeAdminCredentialRole", () => {
  it("changes the role and audits admin_credential.update with {from, to}", async () => {
    const { credential } = await create("read-only");
    expect((await changeAdminCredentialRole(db, credential.id, "admin", meta())).role).toBe("admin");
    const update = (await auditRows(credential.id)).results.find((r) => r.action === "admin_credential.update");
    expect(JSON.parse(String(update?.details))).toMatchObject({ role: { from: "read-only", to: "admin" } });
  });

  it("demotes an admin while another admin is active", async () => {
    const { credential } = await create("admin");
    await create("admin");
    expect((await changeAdminCredentialRole(db, credential.id, "read-only", meta())).role).toBe("read-only");
  });

  it("the same role changes nothing and writes no audit row", async () => {
    const { credential } = await create("read-only");
    expect(await changeAdminCredentialRole(db, credential.id, "read-only", meta())).toEqual(credential);
    expect((await auditRows(credential.id)).results).toHaveLength(1);
  });

  it("refuses to demote the last active admin, writing nothing", async () => {
    const { credential } = await create("admin");
    await makeOnlyActiveAdmin(credential.id);
    const before = await countRows("audit_log");
    await expect(changeAdminCredentialRole(db, credential.id, "read-only", meta())).rejects.toMatchObject({
      status: 400,
      errors: [{ error: "BadRequestError", message: "Cannot demote the last active admin credential" }],
    });
    expect((await row(credential.id))?.role).toBe("admin");
    expect(await countRows("audit_log")).toBe(before);
  });

  it("refuses to change a revoked credential", async () => {
    const { credential } = await create("read-only");
    await revokeAdminCredential(db, credential.id, meta());
    await expect(changeAdminCredentialRole(db, credential.id, "admin", meta())).rejects.toMatchObject({ status: 400 });
    expect((await row(credential.id))?.role).toBe("read-only");
  });
});

describe("authenticateAdminToken", () => {
  // Failures log a warning each; the tests that check the line spy on it themselves.
  beforeEach(() => vi.spyOn(console, "warn").mockImplementation(() => undefined));

  it("accepts the bootstrap ADMIN_TOKEN as the admin 'bootstrap'", async () => {
    expect(await authenticateAdminToken(authDeps(), BOOTSTRAP)).toEqual({ id: null, name: "bootstrap", role: "admin" });
  });

  it("an empty bootstrap token matches nothing, not even an empty token", async () => {
    expect(await authenticateAdminToken({ ...authDeps(), bootstrapToken: "" }, "")).toBeNull();
  });

  it("accepts a credential's token as that credential, and records last_used_at", async () => {
    const { credential, token } = await create("read-only");
    const deps = authDeps();
    expect(await authenticateAdminToken(deps, token)).toEqual({ id: credential.id, name: credential.name, role: "read-only" });
    expect((await row(credential.id))?.last_used_at).toBe(deps.clock.now());
  });

  it("writes last_used_at at most once a minute per credential", async () => {
    const { credential, token } = await create("read-only");
    const start = Date.now();
    const deps = authDeps(start);
    await authenticateAdminToken(deps, token);
    deps.clock.set(start + 30_000);
    await authenticateAdminToken(deps, token);
    expect((await row(credential.id))?.last_used_at).toBe(start);
    deps.clock.set(start + 61_000);
    await authenticateAdminToken(deps, token);
    expect((await row(credential.id))?.last_used_at).toBe(start + 61_000);
  });

  it("refuses a revoked credential at once in this isolate, and counts the attempt", async () => {
    const { credential, token } = await create("read-only");
    expect(await authenticateAdminToken(authDeps(), token)).not.toBeNull(); // now cached
    await revokeAdminCredential(db, credential.id, meta());
    expect(await authenticateAdminToken(authDeps(), token)).toBeNull();
    expect((await row(credential.id))?.failed_attempts).toBe(1);
  });

  it("refuses a wrong secret for an existing credential, counting it on the row", async () => {
    const { credential, token } = await create("admin");
    const deps = authDeps();
    const wrong = `${token.slice(0, -43)}${"A".repeat(43)}`;
    expect(await authenticateAdminToken(deps, wrong)).toBeNull();
    expect(await authenticateAdminToken(deps, wrong)).toBeNull();
    expect(await row(credential.id)).toMatchObject({ failed_attempts: 2, last_failed_at: deps.clock.now() });
    expect((await findAdminCredential(db, credential.id)).failed_attempts).toBe(2);
  });

  it("logs a failure with its reason and the credential id, never the token or secret", async () => {
    const { credential, token } = await create("read-only");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const secret = "B".repeat(43);
    await authenticateAdminToken(authDeps(), `${token.slice(0, -43)}${secret}`);
    const lines = warn.mock.calls.map((call) => String(call[0]));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({
      level: "warn",
      event: "admin_auth_failed",
      reason: "wrong_secret",
      credential_id: credential.id,
      isolate_failures: expect.any(Number),
    });
    expect(lines[0]).not.toContain(secret);
    expect(lines[0]).not.toContain(token.slice(-43));
  });

  it("refuses a token whose credential id is unknown, changing no row", async () => {
    const before = await env.DB.prepare("SELECT sum(failed_attempts) AS n FROM admin_credentials").first<{ n: number }>();
    const token = `nnladm-${crypto.randomUUID()}-${"C".repeat(43)}`;
    expect(await authenticateAdminToken(authDeps(), token)).toBeNull();
    expect(await env.DB.prepare("SELECT sum(failed_attempts) AS n FROM admin_credentials").first<{ n: number }>()).toEqual(before);
  });

  it("refuses the token of a deleted credential once its cache entry has expired", async () => {
    const { credential, token } = await create("admin");
    const deps = authDeps();
    expect(await authenticateAdminToken(deps, token)).not.toBeNull();
    await env.DB.prepare("DELETE FROM admin_credentials WHERE id = ?").bind(credential.id).run();
    deps.clock.set(deps.clock.now() + 6_000);
    expect(await authenticateAdminToken(deps, token)).toBeNull();
  });

  it.each([
    "",
    "nnladm-",
    "Bearer something",
    `nnladm-not-a-uuid-at-all-but-36-characters-${"D".repeat(43)}`,
    `nnladm-${crypto.randomUUID()}-${"E".repeat(42)}`,
    `nnladm-${crypto.randomUUID()}-${"F".repeat(43)}x`,
  ])("refuses the malformed token %j", async (token) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(await authenticateAdminToken(authDeps(), token)).toBeNull();
    expect(JSON.parse(String(warn.mock.calls[0]?.[0]))).toMatchObject({ event: "admin_auth_failed", reason: "malformed" });
  });
});
