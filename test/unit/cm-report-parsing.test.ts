/** CM.com delivery-report parsing (src/webhooks/cm-report-parse.ts): JSON, XML, the query form, hostile input. */
import { describe, expect, it } from "vitest";
import { parseStatusReports } from "../../src/webhooks/cm-report-parse";
import { MalformedBody } from "../../src/webhooks/malformed-body";

const none = new URLSearchParams();

describe("status report parsing", () => {
  const one = { reference: "abc", status: { code: "2", errorCode: "", errorDescription: "" }, received: "2026-01-01T00:00:00" };
  const parsed = { reference: "abc", code: "2", errorCode: "", errorDescription: "", received: "2026-01-01T00:00:00" };

  it("reads CM's JSON with msg as an object", () => {
    expect(parseStatusReports(JSON.stringify({ messages: { msg: one } }), none, "")).toEqual([parsed]);
  });

  it("reads CM's JSON with msg as an array", () => {
    expect(parseStatusReports(JSON.stringify({ messages: { msg: [one, one] } }), none, "")).toEqual([parsed, parsed]);
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

  it.each([
    ["12,000 unclosed tags", `<MESSAGES>${"<MSG ".repeat(12_000)}`],
    ["6,000 nested tags", `<MESSAGES><MSG>${"<REFERENCE>".repeat(6000)}</MSG></MESSAGES>`],
  ])("refuses pathological input (%s) quickly", (_name, body) => {
    const started = Date.now();
    expect(() => parseStatusReports(body, none, "")).toThrow(MalformedBody);
    // A guard against super-linear parsing, with a bound far above the few milliseconds it takes.
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("reads the legacy query form", () => {
    expect(parseStatusReports("", new URLSearchParams("REFERENCE=abc&STATUSCODE=1&ERRORCODE=&ERRORDESCRIPTION=x"), "")).toEqual([
      { reference: "abc", code: "1", errorCode: "", errorDescription: "x", received: "" },
    ]);
  });

  it("refuses a query form without a status code", () => {
    expect(() => parseStatusReports("", new URLSearchParams("reference=abc"), "")).toThrow(MalformedBody);
  });
});
