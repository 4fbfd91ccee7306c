/** Public API authentication (src/api/v2/authenticate.ts): Notify's JWT rules and AuthError messages. */
import { exports } from "cloudflare:workers";
import jwt from "@tsndr/cloudflare-worker-jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { adminFetch, apiFetch, createTenant, readError, type Tenant, url } from "../support/fixtures";

let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
});

async function getWith(authorization: string | null): Promise<Response> {
  const headers = new Headers();
  if (authorization !== null) headers.set("authorization", authorization);
  return exports.default.fetch(url("/v2/templates"), { headers });
}

async function tokenFor(payload: Record<string, unknown>, secret: string, alg: "HS256" | "HS512" = "HS256") {
  return jwt.sign(payload, secret, { algorithm: alg });
}

const now = () => Math.floor(Date.now() / 1000);

async function expectAuthError(response: Response, status: number, message: string) {
  expect(response.status).toBe(status);
  const body = await readError(response);
  expect(body).toMatchObject({ status_code: status, errors: [{ error: "AuthError", message }] });
}

/** base64url of a JSON value (for hand-built tokens). */
const b64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

/** An HS256 token without an iat claim (jwt.sign adds iat itself when absent). */
async function tokenWithoutIat(iss: string, secret: string): Promise<string> {
  const [header] = (await tokenFor({ iss }, secret)).split(".");
  const payload = b64url({ iss });
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${header}.${payload}`)));
  const sigText = btoa(String.fromCharCode(...sig))
    .replace(/=+$/, "")
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
  return `${header}.${payload}.${sigText}`;
}

describe("API authentication (Notify's AuthError catalogue)", () => {
  it.each(["Bearer", "bearer", "BEARER"])("accepts a valid token with the scheme spelled %s", async (scheme) => {
    const token = await tokenFor({ iss: tenant.serviceId, iat: now() }, tenant.keys.normal.secret);
    expect((await getWith(`${scheme} ${token}`)).status).toBe(200);
  });

  it.each([
    ["without a token", null, "Unauthorized: authentication token must be provided"],
    ["with another scheme", "Basic abc", "Unauthorized: authentication bearer scheme must be used"],
  ])("401 %s", async (_name, authorization, message) => {
    await expectAuthError(await getWith(authorization), 401, message);
  });

  it.each([
    [
      "garbage",
      async () => "not-a-jwt",
      "Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header",
    ],
    [
      "alg none",
      async () => `${btoa(JSON.stringify({ alg: "none", typ: "JWT" }))}.${btoa(JSON.stringify({ iss: tenant.serviceId, iat: now() }))}.`,
      "Invalid token: algorithm used is not HS256",
    ],
    [
      "another algorithm (HS512)",
      () => tokenFor({ iss: tenant.serviceId, iat: now() }, tenant.keys.normal.secret, "HS512"),
      "Invalid token: algorithm used is not HS256",
    ],
    ["a missing iss", () => tokenFor({ iat: now() }, tenant.keys.normal.secret), "Invalid token: iss field not provided"],
    [
      "a malformed iss",
      () => tokenFor({ iss: "not-a-uuid", iat: now() }, tenant.keys.normal.secret),
      "Invalid token: service id is not the right data type",
    ],
    [
      "an unknown service",
      () => tokenFor({ iss: crypto.randomUUID(), iat: now() }, tenant.keys.normal.secret),
      "Invalid token: service not found",
    ],
    ["a forged signature", () => tokenFor({ iss: tenant.serviceId, iat: now() }, crypto.randomUUID()), "Invalid token: API key not found"],
    [
      "another service's key",
      () => tokenFor({ iss: tenant.serviceId, iat: now() }, other.keys.normal.secret),
      "Invalid token: API key not found",
    ],
    ["a missing iat", () => tokenWithoutIat(tenant.serviceId, tenant.keys.normal.secret), "Invalid token: API key not found"],
    [
      "an iat 45 s in the past",
      () => tokenFor({ iss: tenant.serviceId, iat: now() - 45 }, tenant.keys.normal.secret),
      "Error: Your system clock must be accurate to within 30 seconds",
    ],
    [
      "an iat 45 s in the future",
      () => tokenFor({ iss: tenant.serviceId, iat: now() + 45 }, tenant.keys.normal.secret),
      "Error: Your system clock must be accurate to within 30 seconds",
    ],
  ])("403 for %s", async (_name, token, message) => {
    await expectAuthError(await getWith(`Bearer ${await token()}`), 403, message);
  });

  it("accepts an iat within the 30 s skew", async () => {
    const withinSkew = await tokenFor({ iss: tenant.serviceId, iat: now() - 20 }, tenant.keys.normal.secret);
    expect((await getWith(`Bearer ${withinSkew}`)).status).toBe(200);
  });

  describe("a revoked key", () => {
    let t: Tenant;
    beforeAll(async () => {
      t = await createTenant();
      expect((await apiFetch("/v2/templates", t.keys.team)).status).toBe(200);
      const revoke = await adminFetch(`/admin/v1/services/${t.serviceId}/api-keys/${t.keys.team.id}`, { method: "DELETE" });
      expect(revoke.status).toBe(204);
    });

    it("is rejected at once", async () => {
      await expectAuthError(await apiFetch("/v2/templates", t.keys.team), 403, "Invalid token: API key revoked");
    });

    it("leaves the service's other keys working", async () => {
      expect((await apiFetch("/v2/templates", t.keys.normal)).status).toBe(200);
    });
  });
});
