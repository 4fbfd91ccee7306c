/**
 * Named admin credentials over HTTP (src/admin/auth.ts, src/admin/admin-credentials/): a created
 * token works and names its holder in the audit log; read-only credentials read but never change;
 * revoked ones stop at once; the last admin cannot be demoted.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_OPERATIONS } from "../../src/admin/admin-routes";
import { ADMIN_BASE_PATH } from "../../src/http/api-versions";
import { adminFetch, adminJson, countRows, readProblem, uniqueName, url } from "../support/fixtures";

const CREDENTIALS = `${ADMIN_BASE_PATH}/admin-credentials`;

interface Created {
  id: string;
  name: string;
  role: string;
  token: string;
}

async function createCredential(role: "admin" | "read-only", name = uniqueName("beheerder")): Promise<Created> {
  return adminJson<Created>("POST", CREDENTIALS, { name, role }, 201);
}

function asCredential(token: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return adminFetch(path, { ...init, headers: { authorization: `Bearer ${token}` } });
}

describe("a named admin credential", () => {
  it("is shown once with its token and never again", async () => {
    const created = await createCredential("admin");
    expect(created.token).toMatch(/^nnladm-[0-9a-f-]{36}-[A-Za-z0-9_-]{43}$/);
    const listed = await adminJson<{ admin_credentials: Record<string, unknown>[] }>("GET", CREDENTIALS);
    const row = listed.admin_credentials.find((c) => c.id === created.id);
    expect(row).toMatchObject({ name: created.name, role: "admin", revoked_at: null });
    expect(JSON.stringify(listed)).not.toContain(created.token.slice(-43));
  });

  it("authenticates, and the audit log names its holder", async () => {
    const created = await createCredential("admin");
    const res = await asCredential(created.token, `${ADMIN_BASE_PATH}/organisations`, {
      method: "POST",
      body: { name: uniqueName("Gemeente") },
    });
    expect(res.status).toBe(201);
    const organisation = (await res.json()) as { id: string };
    const audit = await env.DB.prepare("SELECT actor, action FROM audit_log WHERE target_id = ?").bind(organisation.id).first();
    expect(audit).toEqual({ actor: created.name, action: "organisation.create" });
  });

  it("stops working at once when revoked", async () => {
    const created = await createCredential("admin");
    expect((await adminFetch(`${CREDENTIALS}/${created.id}`, { method: "DELETE" })).status).toBe(204);
    const res = await asCredential(created.token, `${ADMIN_BASE_PATH}/organisations`);
    expect(res.status).toBe(401);
    expect((await readProblem(res)).code).toBe("AuthError");
  });

  it("revoking it twice is a 400 that writes no audit row", async () => {
    const created = await createCredential("admin");
    await adminFetch(`${CREDENTIALS}/${created.id}`, { method: "DELETE" });
    const before = await countRows("audit_log");
    const res = await adminFetch(`${CREDENTIALS}/${created.id}`, { method: "DELETE" });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["Admin credential is already revoked"]);
    expect(await countRows("audit_log")).toBe(before);
  });

  it("an unknown credential id is a 404", async () => {
    const res = await adminFetch(`${CREDENTIALS}/${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    expect((await readProblem(res)).messages).toEqual(["Admin credential not found"]);
  });

  it("a duplicate name is a 400", async () => {
    const created = await createCredential("read-only");
    const res = await adminFetch(CREDENTIALS, { method: "POST", body: { name: created.name, role: "admin" } });
    expect(res.status).toBe(400);
  });

  it.each(["bootstrap", "Inbound-SMS", "admin"])("the audit log's own actor name %s is refused", async (name) => {
    const res = await adminFetch(CREDENTIALS, { method: "POST", body: { name, role: "read-only" } });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).detail).toContain("reserved");
  });

  it("a name that looks like a console user's email address is refused", async () => {
    const res = await adminFetch(CREDENTIALS, { method: "POST", body: { name: "jan@gemeente.example", role: "admin" } });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).detail).toContain("'@'");
  });

  it("an unknown role is a 400 naming the field", async () => {
    const res = await adminFetch(CREDENTIALS, { method: "POST", body: { name: uniqueName("x"), role: "root" } });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).invalidParams).toEqual([{ name: "role", reason: "is not one of [admin, read-only]" }]);
  });
});

describe("a read-only credential", () => {
  it("reads", async () => {
    const reader = await createCredential("read-only");
    expect((await asCredential(reader.token, `${ADMIN_BASE_PATH}/organisations`)).status).toBe(200);
    expect((await asCredential(reader.token, `${ADMIN_BASE_PATH}/audit-log`)).status).toBe(200);
  });

  const changes = ADMIN_OPERATIONS.filter((op) => op.method !== "get");
  it.each(changes.map((op) => [op.operationId, op] as const))("gets a 403 on %s and nothing changes", async (_id, op) => {
    const reader = await createCredential("read-only");
    const path =
      ADMIN_BASE_PATH +
      op.path.replace(/\{([a-z_]+)\}/g, (_m, name) => (name === "callback_type" ? "delivery-status" : crypto.randomUUID()));
    const before = await countRows("audit_log");
    const res = await exports.default.fetch(url(path), {
      method: op.method.toUpperCase(),
      headers: { authorization: `Bearer ${reader.token}`, "content-type": "application/json" },
      body: op.method === "delete" ? undefined : JSON.stringify({ name: "x" }),
    });
    expect(res.status).toBe(403);
    expect((await readProblem(res)).messages).toEqual(["Forbidden: this credential is read-only"]);
    expect(await countRows("audit_log")).toBe(before);
  });
});

describe("the last admin", () => {
  it("cannot be demoted: 400 and the role stays", async () => {
    const only = await createCredential("admin");
    await env.DB.prepare("UPDATE admin_credentials SET revoked_at = ? WHERE role = 'admin' AND revoked_at IS NULL AND id <> ?")
      .bind(Date.now(), only.id)
      .run();
    const res = await asCredential(only.token, `${CREDENTIALS}/${only.id}`, { method: "PATCH", body: { role: "read-only" } });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).messages).toEqual(["Cannot demote the last active admin credential"]);
    expect(await adminJson("GET", `${CREDENTIALS}/${only.id}`)).toMatchObject({ role: "admin" });
  });
});
