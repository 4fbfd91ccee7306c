/** Webhook body parsing and the transition table, without storage. */
import { describe, expect, it } from "vitest";
import { NOTIFICATION_STATUSES } from "../../src/db/schema";
import { dispatchBackoffSeconds } from "../../src/delivery/policy";
import { ALLOWED_PREVIOUS, FINAL_STATUSES } from "../../src/notifications/statuses";
import { classifySmtpError, unsubscribeHeaders } from "../../src/providers/email/smtp";
import { parseInbound } from "../../src/webhooks/cm-inbound-parse";
import { parseStatusReports } from "../../src/webhooks/cm-report-parse";
import { MalformedBody } from "../../src/webhooks/malformed-body";
import { normaliseNumber } from "../../src/webhooks/receive-inbound";

const none = new URLSearchParams();

describe("status report parsing", () => {
  it("reads CM's JSON, with msg as an object or an array", () => {
    const one = { reference: "abc", status: { code: "2", errorCode: "", errorDescription: "" }, received: "2026-01-01T00:00:00" };
    expect(parseStatusReports(JSON.stringify({ messages: { msg: one } }), none, "")).toEqual([
      { reference: "abc", code: "2", errorCode: "", errorDescription: "", received: "2026-01-01T00:00:00" },
    ]);
    expect(parseStatusReports(JSON.stringify({ messages: { msg: [one, one] } }), none, "")).toHaveLength(2);
  });

  it("reads CM's XML, case-insensitively, decoding entities", () => {
    const xml = `<messages><msg received="2026"><to>0031</to><reference>abc</reference><status><code>3</code><errorcode>7</errorcode><errordescription>a &lt;b&gt; &#233; &#x41;</errordescription></status></msg></messages>`;
    expect(parseStatusReports(xml, none, "application/xml")).toEqual([
      { reference: "abc", code: "3", errorCode: "7", errorDescription: "a <b> é A", received: "2026" },
    ]);
  });

  it.each([
    "<!DOCTYPE MESSAGES [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><MESSAGES><MSG><REFERENCE>&x;</REFERENCE></MSG></MESSAGES>",
    "<!-- c --><MESSAGES></MESSAGES>",
    "<MESSAGES><![CDATA[x]]></MESSAGES>",
    "<?xml-stylesheet href='x'?><MESSAGES><MSG></MSG></MESSAGES>",
    "<MESSAGES></MESSAGES>",
    "<MESSAGES><MSG><REFERENCE><B>x</B></REFERENCE><STATUS><CODE>2</CODE></STATUS></MSG></MESSAGES>",
    `<MESSAGES>${"<MSG>".repeat(5000)}</MESSAGES>`,
    `<MESSAGES>${"<MSG><REFERENCE>a</REFERENCE><STATUS><CODE>2</CODE></STATUS></MSG>".repeat(101)}</MESSAGES>`,
  ])("refuses hostile or broken XML %#", (xml) => {
    expect(() => parseStatusReports(xml, none, "application/xml")).toThrow(MalformedBody);
  });

  it("stays fast on pathological input", () => {
    const started = Date.now();
    expect(() => parseStatusReports(`<MESSAGES>${"<MSG ".repeat(12_000)}`, none, "")).toThrow(MalformedBody);
    expect(() => parseStatusReports(`<MESSAGES><MSG>${"<REFERENCE>".repeat(6000)}</MSG></MESSAGES>`, none, "")).toThrow(MalformedBody);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("reads the legacy query form", () => {
    expect(parseStatusReports("", new URLSearchParams("REFERENCE=abc&STATUSCODE=1&ERRORCODE=&ERRORDESCRIPTION=x"), "")).toEqual([
      { reference: "abc", code: "1", errorCode: "", errorDescription: "x", received: "" },
    ]);
    expect(() => parseStatusReports("", new URLSearchParams("reference=abc"), "")).toThrow(MalformedBody);
  });
});

describe("inbound parsing and numbers", () => {
  it("reads CM's MO JSON and the query form", () => {
    const body = JSON.stringify({
      reference: "r",
      from: { number: "+316012345678", name: "" },
      to: { number: "3669" },
      message: { text: "Hoi" },
    });
    expect(parseInbound(body, none, "application/json")).toEqual({ from: "+316012345678", to: "3669", text: "Hoi", reference: "r" });
    expect(parseInbound("", new URLSearchParams("from=0031612345678&to=3669&text=Ja"), "")).toMatchObject({ text: "Ja", to: "3669" });
    expect(() => parseInbound(JSON.stringify({ to: { number: "3669" } }), none, "")).toThrow(MalformedBody);
  });

  it.each([
    ["+31 6 1234 5678", "31612345678"],
    ["0031612345678", "31612345678"],
    ["0612345678", "31612345678"],
    ["31612345678", "31612345678"],
    ["3669", "3669"],
  ])("normalises %s", (raw, expected) => {
    expect(normaliseNumber(raw)).toBe(expected);
  });
});

describe("transition table", () => {
  it("final statuses are never left, and nothing re-enters created", () => {
    for (const next of NOTIFICATION_STATUSES) {
      for (const previous of ALLOWED_PREVIOUS[next]) expect(FINAL_STATUSES.has(previous)).toBe(false);
    }
    expect(ALLOWED_PREVIOUS.created).toEqual([]);
    expect(ALLOWED_PREVIOUS.pending).not.toContain("delivered");
  });
});

describe("SMTP and backoff details", () => {
  it("classifies worker-mailer errors without leaking addresses", () => {
    expect(classifySmtpError("n", new Error("Invalid RCPT TO: <a@b.nl> 550 5.1.1 no such user"))).toMatchObject({
      kind: "rejected",
      reason: "SMTP 550",
    });
    expect(classifySmtpError("n", new Error("Invalid RCPT TO: <a@b.nl> 451 try later"))).toMatchObject({
      kind: "retry",
      reason: "smtp_451",
    });
    expect(classifySmtpError("n", new Error("Failed to plain authentication: 535 bad"))).toMatchObject({
      kind: "retry",
      reason: "smtp_auth_failed",
    });
    expect(classifySmtpError("n", new Error("Socket timeout!"))).toMatchObject({ kind: "retry", reason: "smtp_connection_error" });
  });

  it("one-click unsubscribe headers, safe against header injection", () => {
    expect(unsubscribeHeaders(null)).toEqual({});
    expect(unsubscribeHeaders("https://x.nl/u?a=1\r\nBcc: evil@x.nl")).toEqual({
      "List-Unsubscribe": "<https://x.nl/u?a=1Bcc:evil@x.nl>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("dispatch backoff doubles from 10 s and is capped at 15 minutes", () => {
    expect([1, 2, 3, 4, 8, 20].map(dispatchBackoffSeconds)).toEqual([10, 20, 40, 80, 900, 900]);
  });
});
