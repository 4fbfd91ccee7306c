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

describe("API authentication (Notify's AuthError catalogue)", () => {
  it("accepts a valid token with any casing of the Bearer scheme", async () => {
    const token = await tokenFor({ iss: tenant.serviceId, iat: now() }, tenant.keys.normal.secret);
    expect((await getWith(`Bearer ${token}`)).status).toBe(200);
    expect((await getWith(`bearer ${token}`)).status).toBe(200);
    expect((await getWith(`BEARER ${token}`)).status).toBe(200);
  });

  it("401 without a token or with another scheme", async () => {
    await expectAuthError(await getWith(null), 401, "Unauthorized: authentication token must be provided");
    await expectAuthError(await getWith("Basic abc"), 401, "Unauthorized: authentication bearer scheme must be used");
  });

  it("403 for garbage, alg none, other algorithms, missing or malformed iss", async () => {
    await expectAuthError(
      await getWith("Bearer not-a-jwt"),
      403,
      "Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header",
    );
    const none = `${btoa(JSON.stringify({ alg: "none", typ: "JWT" }))}.${btoa(JSON.stringify({ iss: tenant.serviceId, iat: now() }))}.`;
    await expectAuthError(await getWith(`Bearer ${none}`), 403, "Invalid token: algorithm used is not HS256");
    const hs512 = await tokenFor({ iss: tenant.serviceId, iat: now() }, tenant.keys.normal.secret, "HS512");
    await expectAuthError(await getWith(`Bearer ${hs512}`), 403, "Invalid token: algorithm used is not HS256");
    const noIss = await tokenFor({ iat: now() }, tenant.keys.normal.secret);
    await expectAuthError(await getWith(`Bearer ${noIss}`), 403, "Invalid token: iss field not provided");
    const badIss = await tokenFor({ iss: "not-a-uuid", iat: now() }, tenant.keys.normal.secret);
    await expectAuthError(await getWith(`Bearer ${badIss}`), 403, "Invalid token: service id is not the right data type");
  });

  it("403 for an unknown service, a forged signature, and another service's key", async () => {
    const unknown = await tokenFor({ iss: crypto.randomUUID(), iat: now() }, tenant.keys.normal.secret);
    await expectAuthError(await getWith(`Bearer ${unknown}`), 403, "Invalid token: service not found");
    const forged = await tokenFor({ iss: tenant.serviceId, iat: now() }, crypto.randomUUID());
    await expectAuthError(await getWith(`Bearer ${forged}`), 403, "Invalid token: API key not found");
    const crossTenant = await tokenFor({ iss: tenant.serviceId, iat: now() }, other.keys.normal.secret);
    await expectAuthError(await getWith(`Bearer ${crossTenant}`), 403, "Invalid token: API key not found");
  });

  it("403 when iat is missing or outside ±30 s", async () => {
    const noIat = await tokenFor({ iss: tenant.serviceId }, tenant.keys.normal.secret);
    // jwt.sign adds iat itself when absent; build one without it by hand.
    const [header, ,] = noIat.split(".");
    const payload = btoa(JSON.stringify({ iss: tenant.serviceId }))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(tenant.keys.normal.secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${header}.${payload}`)));
    const sigText = btoa(String.fromCharCode(...sig))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    await expectAuthError(await getWith(`Bearer ${header}.${payload}.${sigText}`), 403, "Invalid token: API key not found");

    for (const iat of [now() - 45, now() + 45]) {
      const token = await tokenFor({ iss: tenant.serviceId, iat }, tenant.keys.normal.secret);
      await expectAuthError(await getWith(`Bearer ${token}`), 403, "Error: Your system clock must be accurate to within 30 seconds");
    }
    const withinSkew = await tokenFor({ iss: tenant.serviceId, iat: now() - 20 }, tenant.keys.normal.secret);
    expect((await getWith(`Bearer ${withinSkew}`)).status).toBe(200);
  });

  it("rejects a revoked key at once, while the service's other keys keep working", async () => {
    const t = await createTenant();
    expect((await apiFetch("/v2/templates", t.keys.team)).status).toBe(200);
    const revoke = await adminFetch(`/admin/services/${t.serviceId}/api-keys/${t.keys.team.id}`, { method: "DELETE" });
    expect(revoke.status).toBe(204);
    await expectAuthError(await apiFetch("/v2/templates", t.keys.team), 403, "Invalid token: API key revoked");
    expect((await apiFetch("/v2/templates", t.keys.normal)).status).toBe(200);
  });
});
