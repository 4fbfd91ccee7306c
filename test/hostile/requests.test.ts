/**
 * Caller-controlled request parts that are bounded or refused: repeated query parameters
 * (src/http/query.ts), JWT segments (src/api/v2/authenticate.ts), XML entities (src/webhooks/xml.ts),
 * callback bearer tokens and targets (src/admin/callbacks/put-callback.ts, src/lib/callback-url.ts),
 * SMTP replies in logs (src/providers/email/smtp.ts). Each answers 4xx, never 5xx.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_QUERY_VALUES } from "../../src/http/query";
import { checkCallbackUrl } from "../../src/lib/callback-url";
import { redact } from "../../src/providers/email/smtp";
import { expectContained } from "../support/contained";
import { adminFetch, apiFetch, createTenant, jwtFor, readError, readProblem, type Tenant, url } from "../support/fixtures";

let tenant: Tenant;

/** A request that must keep working: the template list. */
const normal = () => apiFetch("/v2/templates", tenant.keys.normal);

beforeAll(async () => {
  tenant = await createTenant();
});

describe("repeated query parameters", () => {
  it("34 times status=failed is one status (D1's 100 bound parameters are never reached)", async () => {
    const response = await expectContained(
      () => apiFetch(`/v2/notifications?${"status=failed&".repeat(34)}template_type=sms`, tenant.keys.normal),
      normal,
    );
    expect(response.status).toBe(200);
  });

  it(`more than ${MAX_QUERY_VALUES} distinct values are a 400`, async () => {
    const references = Array.from({ length: MAX_QUERY_VALUES + 1 }, (_, i) => `status=x${i}`).join("&");
    const response = await expectContained(() => apiFetch(`/v2/notifications?${references}`, tenant.keys.normal), normal);
    expect(response.status).toBe(400);
    expect((await readError(response)).messages).toEqual([`status has more than ${MAX_QUERY_VALUES} values`]);
  });
});

describe("JWT shape", () => {
  it.each([
    ["a fourth segment", (token: string) => `${token}.extra`],
    ["two segments", (token: string) => token.split(".").slice(0, 2).join(".")],
  ])("a token with %s is a 403", async (_name, change) => {
    const token = change(await jwtFor(tenant.keys.normal));
    const response = await expectContained(
      () => exports.default.fetch(url("/v2/notifications"), { headers: { authorization: `Bearer ${token}` } }),
      normal,
    );
    expect(response.status).toBe(403);
    expect((await readError(response)).errors[0]?.error).toBe("AuthError");
  });
});

describe("XML entities in a CM.com report", () => {
  it("only the five predefined entities and character references are read: &toString; is a 400", async () => {
    const body =
      `<?xml version="1.0"?><MESSAGES><MSG><REFERENCE>${"a".repeat(32)}</REFERENCE>` +
      "<STATUS><CODE>2</CODE><ERRORDESCRIPTION>&toString;</ERRORDESCRIPTION></STATUS></MSG></MESSAGES>";
    const response = await expectContained(
      () =>
        exports.default.fetch(url(`/callbacks/cm/${env.CM_WEBHOOK_TOKEN}/status`), {
          method: "POST",
          headers: { "content-type": "application/xml" },
          body,
        }),
      normal,
    );
    expect(response.status).toBe(400);
    expect((await readError(response)).messages).toEqual(["Malformed delivery report: unknown XML entity"]);
  });
});

describe("callback settings", () => {
  it.each([
    ["a CR LF", "token-0123456789\r\nX-Injected: 1"],
    ["a space", "token 0123456789"],
    ["a control character", "token\u00010123456789"],
  ])("a bearer token with %s is a 400", async (_name, bearer_token) => {
    const response = await adminFetch(`/admin/v1/services/${tenant.serviceId}/callbacks/delivery-status`, {
      method: "PUT",
      body: { url: "https://hooks.example.nl/status", bearer_token },
    });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).messages.join(" ")).toContain("printable characters");
  });

  it.each([
    "https://[64:ff9b::a00:1]/", // NAT64 of 10.0.0.1
    "https://[64:ff9b:1::1]/", // NAT64 local use
    "https://[2002:a00:1::1]/", // 6to4 of 10.0.0.1
    "https://[2001:0:4136:e378::1]/", // Teredo
    "https://[::ffff:0:a00:1]/", // IPv4-translated 10.0.0.1
    "https://[fec0::1]/", // site-local
    "https://192.0.0.8/",
    "https://192.0.2.1/", // TEST-NET-1
    "https://198.18.0.1/",
    "https://198.51.100.7/", // TEST-NET-2
    "https://203.0.113.9/", // TEST-NET-3
    "https://intranet/",
    "https://hooks.internal/",
    "https://printer.local/",
  ])("refuses the private target %s", (target) => {
    expect(checkCallbackUrl(target, { allowPrivate: false })).toEqual({
      ok: false,
      reason: "must not point to a private, loopback or link-local address",
    });
  });

  it.each(["https://hooks.example.nl:22/", "https://hooks.example.nl:8080/"])("refuses the port of %s", (target) => {
    expect(checkCallbackUrl(target, { allowPrivate: false })).toEqual({ ok: false, reason: "must use port 443 or 8443" });
  });

  it.each(["https://hooks.example.nl/", "https://hooks.example.nl:443/", "https://hooks.example.nl:8443/", "https://[2002:808:808::1]/"])(
    "accepts %s",
    (target) => {
      expect(checkCallbackUrl(target, { allowPrivate: false }).ok).toBe(true);
    },
  );
});

describe("SMTP replies in logs", () => {
  it.each([
    ["Invalid RCPT TO: <jan@example.nl> 550 5.1.1", "Invalid RCPT TO: <<redacted>> 550 5.1.1"],
    ["550 5.1.1 jan@example.nl... User unknown", "550 5.1.1 <redacted> User unknown"],
  ])("%s loses the address", (reply, redacted) => {
    expect(redact(reply)).toBe(redacted);
  });
});
