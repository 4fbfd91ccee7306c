/** The HTTP skeleton (src/app/fetch-handler.ts, src/http/error-response.ts, src/config.ts): 404, request ids, 413, 500, bad config. */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { handleFetch } from "../../src/app/fetch-handler";
import { ConfigError, loadConfig } from "../../src/config";
import { toErrorResponse } from "../../src/http/error-response";
import { adminFetch, url } from "../support/fixtures";

/** What wrangler.toml deploys with. */
const PRODUCTION = {
  ENVIRONMENT: "production",
  SMS_PROVIDER: "cm",
  EMAIL_PROVIDER: "smtp",
  SMTP_SECURE: "true",
  ALLOW_PRIVATE_CALLBACK_URLS: "false",
};

describe("HTTP skeleton", () => {
  it("unknown API routes are a JSON 404 in Notify's error body, with a request id", async () => {
    const res = await exports.default.fetch(url("/v2/nope"));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("x-request-id")).toMatch(/[0-9a-f-]{36}/);
    expect(await res.json()).toEqual({
      status_code: 404,
      errors: [{ error: "NoResultFound", message: "The requested URL was not found on the server." }],
    });
  });

  it("other unknown paths are the web console's Dutch 404 page", async () => {
    const res = await exports.default.fetch(url("/nope"));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("Pagina niet gevonden");
  });

  it("echoes a caller's request id", async () => {
    const res = await exports.default.fetch(url("/health"), { headers: { "x-request-id": "abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("abc-123");
  });

  it("bodies over MAX_BODY_BYTES are 413, declared or streamed", async () => {
    const big = "x".repeat(Number(env.MAX_BODY_BYTES) + 1);
    const declared = await adminFetch("/admin/v1/organisations", { method: "POST", body: big });
    expect(declared.status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await exports.default.fetch(url("/admin/v1/organisations"), {
      method: "POST",
      headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` },
      body: stream,
    });
    expect(streamed.status).toBe(413);
  });

  it("an unexpected error is a generic 500 without internals", async () => {
    const res = toErrorResponse(new Error("database password is hunter2"));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text)).toEqual({ status_code: 500, errors: [{ error: "Exception", message: "Internal server error" }] });
  });

  it.each([
    [{ ADMIN_TOKEN: "short" }, /ADMIN_TOKEN/],
    [{ SMS_PROVIDER: "carrier-pigeon" }, /SMS_PROVIDER/],
    [{ ...PRODUCTION, ALLOW_PRIVATE_CALLBACK_URLS: "true" }, /ALLOW_PRIVATE_CALLBACK_URLS must be false in production/],
    [{ ...PRODUCTION, SMS_PROVIDER: "simulator" }, /SMS_PROVIDER must be cm in production/],
    [{ ...PRODUCTION, EMAIL_PROVIDER: "simulator" }, /EMAIL_PROVIDER must be smtp in production/],
    [{ ...PRODUCTION, SMTP_SECURE: "false", SMTP_STARTTLS: "true" }, /SMTP_SECURE must be true in production/],
  ])("configuration %o is refused", (change, message) => {
    expect(() => loadConfig({ ...env, ...change })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, ...change })).toThrow(message);
  });

  it("a production configuration with real providers, STARTTLS and public callbacks only is accepted", () => {
    expect(loadConfig({ ...env, ...PRODUCTION }).ENVIRONMENT).toBe("production");
  });

  it("ENVIRONMENT defaults to production, so a deployment that forgets it gets production's checks", () => {
    const { ENVIRONMENT: _unset, ...rest } = env;
    expect(() => loadConfig(rest)).toThrow(/must be false in production/);
  });

  it("a bad configuration fails closed: every request is a 500 with Notify's body", async () => {
    const broken: Env = { ...env, KEY_ENCRYPTION_KEY: "" };
    const res = await handleFetch(new Request(url("/health")), broken);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ status_code: 500, errors: [{ error: "Exception", message: "Internal server error" }] });
  });
});
