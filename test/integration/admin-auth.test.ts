/** Admin API authentication (src/admin/auth.ts): the bearer admin token on every admin route. */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_OPERATIONS } from "../../src/admin/admin-routes";
import { ADMIN_BASE_PATH } from "../../src/http/api-versions";
import { adminFetch, countRows, readProblem, url } from "../support/fixtures";

/** Every admin operation, with ids filled in, and an unknown path: all need a credential first. */
const ROUTES: [string, string][] = [
  ...ADMIN_OPERATIONS.map((op): [string, string] => [
    op.method.toUpperCase(),
    ADMIN_BASE_PATH + op.path.replace(/\{([a-z_]+)\}/g, (_m, name) => (name === "callback_type" ? "delivery-status" : crypto.randomUUID())),
  ]),
  ["GET", "/admin/no-such-route"],
];

const body = JSON.stringify({ name: "Gemeente Ongeautoriseerd" });

describe("admin authentication", () => {
  it.each(ROUTES)("%s %s without a token is 401 AuthError", async (method, path) => {
    const res = await exports.default.fetch(url(path), { method, body: method === "GET" || method === "DELETE" ? undefined : body });
    expect(res.status).toBe(401);
    expect(await readProblem(res)).toMatchObject({ status: 401, title: "Unauthorized", code: "AuthError" });
  });

  it.each(ROUTES)("%s %s with a wrong token is 401", async (method, path) => {
    const res = await adminFetch(path, {
      method,
      headers: { authorization: `Bearer ${env.ADMIN_TOKEN}x` },
      body: method === "GET" || method === "DELETE" ? undefined : body,
    });
    expect(res.status).toBe(401);
    expect((await readProblem(res)).messages).toEqual(["Invalid token: admin token not recognised"]);
  });

  it.each([
    ["another scheme", () => `Basic ${env.ADMIN_TOKEN}`],
    ["a prefix of the token", () => `Bearer ${env.ADMIN_TOKEN.slice(0, -1)}`],
    ["an empty bearer", () => "Bearer "],
    ["the token without a scheme", () => env.ADMIN_TOKEN],
  ])("refuses %s", async (_name, authorization) => {
    const res = await adminFetch("/admin/v1/organisations", { headers: { authorization: authorization() } });
    expect(res.status).toBe(401);
  });

  it("stores nothing for an unauthenticated change", async () => {
    const before = { organisations: await countRows("organisations"), audit: await countRows("audit_log") };
    const res = await adminFetch("/admin/v1/organisations", { method: "POST", headers: { authorization: "Bearer nope-nope-nope" }, body });
    expect(res.status).toBe(401);
    expect(await countRows("organisations")).toBe(before.organisations);
    expect(await countRows("audit_log")).toBe(before.audit);
  });

  it("accepts the token with any-case scheme", async () => {
    const res = await adminFetch("/admin/v1/organisations", { headers: { authorization: `bearer ${env.ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
  });

  it("answers an unknown admin route with the token as a problem-details 404", async () => {
    const res = await adminFetch("/admin/no-such-route");
    expect(res.status).toBe(404);
    expect(await readProblem(res)).toMatchObject({ status: 404, title: "Not Found", code: "NoResultFound" });
  });
});
