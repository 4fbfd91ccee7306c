/** SMTP adapter details without a server (src/providers/email/smtp.ts): error classification and unsubscribe headers. */
import { describe, expect, it } from "vitest";
import { classifySmtpError, unsubscribeHeaders } from "../../src/providers/email/smtp";

describe("SMTP error classification", () => {
  it.each([
    ["a 5xx recipient refusal", "Invalid RCPT TO: <a@b.nl> 550 5.1.1 no such user", { kind: "rejected", reason: "SMTP 550" }],
    ["a 4xx recipient refusal", "Invalid RCPT TO: <a@b.nl> 451 try later", { kind: "retry", reason: "smtp_451" }],
    ["an authentication failure", "Failed to plain authentication: 535 bad", { kind: "retry", reason: "smtp_auth_failed" }],
    ["a connection error", "Socket timeout!", { kind: "retry", reason: "smtp_connection_error" }],
  ])("classifies %s without leaking addresses", (_name, message, expected) => {
    const outcome = classifySmtpError("n", new Error(message));
    expect(outcome).toMatchObject(expected);
    expect(JSON.stringify(outcome)).not.toContain("a@b.nl");
  });
});

describe("one-click unsubscribe headers", () => {
  it("are left out without an unsubscribe URL", () => {
    expect(unsubscribeHeaders(null)).toEqual({});
  });

  it("are safe against header injection", () => {
    expect(unsubscribeHeaders("https://x.nl/u?a=1\r\nBcc: evil@x.nl")).toEqual({
      "List-Unsubscribe": "<https://x.nl/u?a=1Bcc:evil@x.nl>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});
