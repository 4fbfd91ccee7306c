/**
 * The NL API Design Rules the admin API follows at run time (src/http/error-response.ts,
 * src/http/api-versions.ts, src/admin/admin-routes.ts): API-Version on every response, security
 * headers, no trailing slashes, problem details for admin errors, Notify's body for /v2 errors.
 */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_API_VERSION, PUBLIC_API_VERSION } from "../../src/http/api-versions";
import { adminFetch, readProblem, url } from "../support/fixtures";

describe("NL API Design Rules at run time", () => {
  it.each([
    ["/admin/v1/organisations", ADMIN_API_VERSION],
    ["/admin/no-such-route", ADMIN_API_VERSION],
    ["/v2/notifications", PUBLIC_API_VERSION],
    ["/health", PUBLIC_API_VERSION],
  ])("%s answers with API-Version %s", async (path, version) => {
    const res = await adminFetch(path);
    expect(res.headers.get("api-version")).toBe(version);
  });

  it.each(["GET", "HEAD"])("%s /admin/openapi.json needs no credential", async (method) => {
    const res = await exports.default.fetch(url("/admin/openapi.json"), { method });
    expect(res.status).toBe(200);
  });

  it("sends the transport security headers", async () => {
    const res = await adminFetch("/admin/v1/organisations");
    expect(
      Object.fromEntries(
        ["cache-control", "x-content-type-options", "x-frame-options", "content-security-policy"].map((h) => [h, res.headers.get(h)]),
      ),
    ).toEqual({
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "content-security-policy": "frame-ancestors 'none'",
    });
  });

  it.each(["/admin/v1/organisations/", "/admin/v1/", "/admin/openapi.json/"])(
    "%s (a trailing slash) is a 404, not the resource",
    async (path) => {
      const res = await adminFetch(path);
      expect(res.status).toBe(404);
      expect((await readProblem(res)).code).toBe("NoResultFound");
    },
  );

  it("an admin validation error is problem details listing every invalid field", async () => {
    const res = await adminFetch("/admin/v1/services", { method: "POST", body: { name: "", retention_days: 2, colour: "blauw" } });
    expect(res.status).toBe(400);
    const problem = await readProblem(res);
    expect(problem).toMatchObject({ type: "about:blank", title: "Bad Request", status: 400, code: "ValidationError" });
    expect(problem.invalidParams).toEqual([
      { name: "colour", reason: "is not a known field" },
      { name: "organisation_id", reason: "is a required property" },
      { name: "name", reason: "must not be empty" },
      { name: "retention_days", reason: "is less than the minimum of 3" },
    ]);
  });

  it("a /v2 error keeps Notify's body", async () => {
    const res = await exports.default.fetch(url("/v2/notifications"));
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toMatchObject({ status_code: 401, errors: [{ error: "AuthError" }] });
  });
});
