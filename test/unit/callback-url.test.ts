/** Service callback URL rules (src/lib/callback-url.ts): https only, no private or loopback hosts unless allowed. */
import { describe, expect, it } from "vitest";
import { checkCallbackUrl, isPrivateHost } from "../../src/lib/callback-url";

const strict = { allowPrivate: false };

describe("checkCallbackUrl", () => {
  it("accepts public https URLs", () => {
    const result = checkCallbackUrl("https://api.gemeente.example.nl:8443/notify/status?x=1", strict);
    expect(result.ok && result.url.hostname).toBe("api.gemeente.example.nl");
  });

  it.each([
    ["http://api.example.nl/", "is not a valid https url"],
    ["ftp://api.example.nl/", "is not a valid https url"],
    ["api.example.nl/hook", "is not a valid https url"],
    ["https://user:pw@api.example.nl/", "must not contain a user name or password"],
  ])("refuses %s", (url, reason) => {
    expect(checkCallbackUrl(url, strict)).toEqual({ ok: false, reason });
  });

  it.each([
    "https://localhost/",
    "https://LOCALHOST./",
    "https://app.localhost/",
    "https://127.0.0.1/",
    "https://127.1.2.3/",
    "https://2130706433/", // 127.0.0.1 in decimal
    "https://0x7f.1/", // 127.0.0.1 in hex shorthand
    "https://10.0.0.1/",
    "https://172.16.0.1/",
    "https://172.31.255.255/",
    "https://192.168.1.1/",
    "https://169.254.169.254/",
    "https://0.0.0.0/",
    "https://100.64.0.1/",
    "https://[::1]/",
    "https://[::]/",
    "https://[fc00::1]/",
    "https://[fd12:3456::1]/",
    "https://[fe80::1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:10.0.0.1]/",
  ])("refuses the private host in %s", (url) => {
    expect(checkCallbackUrl(url, strict)).toEqual({ ok: false, reason: "must not point to a private, loopback or link-local address" });
  });

  it.each(["https://172.32.0.1/", "https://8.8.8.8/", "https://[2001:db8::1]/", "https://[::ffff:8.8.8.8]/", "https://192.169.0.1/"])(
    "accepts the public host in %s",
    (url) => {
      expect(checkCallbackUrl(url, strict).ok).toBe(true);
    },
  );

  it("allows http and private hosts when configured", () => {
    expect(checkCallbackUrl("http://127.0.0.1:8788/hook", { allowPrivate: true }).ok).toBe(true);
    expect(checkCallbackUrl("ftp://127.0.0.1/", { allowPrivate: true }).ok).toBe(false);
  });
});

describe("isPrivateHost", () => {
  it("judges hostnames as URL gives them", () => {
    expect(isPrivateHost("[fe80::abcd]")).toBe(true);
    expect(isPrivateHost("example.nl")).toBe(false);
    expect(isPrivateHost("10.0.0.1.example.nl")).toBe(false);
  });
});
