/** SMTP adapter details without a server (src/providers/email/smtp.ts): error classification and unsubscribe headers. */
import { describe, expect, it } from "vitest";
import { LogLevel } from "worker-mailer";
import { classifySmtpError, createSmtpProvider, unsubscribeHeaders } from "../../src/providers/email/smtp";

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

describe("SMTP connection options", () => {
  it.each([
    [true, true],
    [false, false],
  ])("secure %s opens the connection with TLS %s, and the library logs nothing", async (secure, expected) => {
    let seen: Record<string, unknown> = {};
    const provider = createSmtpProvider({
      host: "smtp.example.nl",
      port: 465,
      user: "u",
      password: "p",
      startTls: false,
      secure,
      send: async (options) => {
        seen = options as unknown as Record<string, unknown>;
      },
    });
    await provider.send({
      notificationId: "n",
      to: "jan@example.nl",
      normalisedTo: "jan@example.nl",
      from: "dienst@example.nl",
      replyTo: null,
      subject: "Onderwerp",
      text: "Tekst",
      html: "<p>Tekst</p>",
      oneClickUnsubscribeUrl: null,
    });
    expect({ secure: seen.secure, logLevel: seen.logLevel }).toEqual({ secure: expected, logLevel: LogLevel.NONE });
  });
});
