/** Admin API authentication (src/admin/auth.ts): the bearer admin token on every admin route. */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminFetch, countRows, readError, url } from "../support/fixtures";

const ROUTES: [string, string][] = [
  ["POST", "/admin/organisations"],
  ["GET", "/admin/organisations"],
  ["POST", "/admin/services"],
  ["GET", `/admin/services/${crypto.randomUUID()}`],
  ["POST", `/admin/services/${crypto.randomUUID()}/api-keys`],
  ["GET", `/admin/services/${crypto.randomUUID()}/api-keys`],
  ["DELETE", `/admin/services/${crypto.randomUUID()}/api-keys/${crypto.randomUUID()}`],
  ["POST", `/admin/services/${crypto.randomUUID()}/templates`],
  ["GET", `/admin/services/${crypto.randomUUID()}/templates/${crypto.randomUUID()}`],
  ["PUT", `/admin/services/${crypto.randomUUID()}/templates/${crypto.randomUUID()}`],
  ["POST", `/admin/services/${crypto.randomUUID()}/sms-senders`],
  ["POST", `/admin/services/${crypto.randomUUID()}/email-reply-to`],
  ["POST", `/admin/services/${crypto.randomUUID()}/team-members`],
  ["DELETE", `/admin/services/${crypto.randomUUID()}/team-members/${crypto.randomUUID()}`],
  ["PUT", `/admin/services/${crypto.randomUUID()}/callbacks/delivery-status`],
  ["GET", "/admin/no-such-route"],
];

const body = JSON.stringify({ name: "Gemeente Ongeautoriseerd" });

describe("admin authentication", () => {
  it.each(ROUTES)("%s %s without a token is 401 AuthError", async (method, path) => {
    const res = await exports.default.fetch(url(path), { method, body: method === "GET" || method === "DELETE" ? undefined : body });
    expect(res.status).toBe(401);
    expect(await readError(res)).toMatchObject({ status_code: 401, errors: [{ error: "AuthError" }] });
  });

  it.each(ROUTES)("%s %s with a wrong token is 401", async (method, path) => {
    const res = await adminFetch(path, {
      method,
      headers: { authorization: `Bearer ${env.ADMIN_TOKEN}x` },
      body: method === "GET" || method === "DELETE" ? undefined : body,
    });
    expect(res.status).toBe(401);
    expect((await readError(res)).messages).toEqual(["Invalid token: admin token not recognised"]);
  });

  it.each([
    ["another scheme", () => `Basic ${env.ADMIN_TOKEN}`],
    ["a prefix of the token", () => `Bearer ${env.ADMIN_TOKEN.slice(0, -1)}`],
    ["an empty bearer", () => "Bearer "],
    ["the token without a scheme", () => env.ADMIN_TOKEN],
  ])("refuses %s", async (_name, authorization) => {
    const res = await adminFetch("/admin/organisations", { headers: { authorization: authorization() } });
    expect(res.status).toBe(401);
  });

  it("stores nothing for an unauthenticated change", async () => {
    const before = { organisations: await countRows("organisations"), audit: await countRows("audit_log") };
    const res = await adminFetch("/admin/organisations", { method: "POST", headers: { authorization: "Bearer nope-nope-nope" }, body });
    expect(res.status).toBe(401);
    expect(await countRows("organisations")).toBe(before.organisations);
    expect(await countRows("audit_log")).toBe(before.audit);
  });

  it("accepts the token with any-case scheme", async () => {
    const res = await adminFetch("/admin/organisations", { headers: { authorization: `bearer ${env.ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
  });

  it("answers an unknown admin route with the token as a Notify 404", async () => {
    const res = await adminFetch("/admin/no-such-route");
    expect(res.status).toBe(404);
    expect(await readError(res)).toMatchObject({ status_code: 404, errors: [{ error: "NoResultFound" }] });
  });
});
