/** CM.com inbound SMS (MO) parsing (src/webhooks/cm-inbound-parse.ts) and number normalising (src/webhooks/receive-inbound.ts). */
import { describe, expect, it } from "vitest";
import { parseInbound } from "../../src/webhooks/cm-inbound-parse";
import { MalformedBody } from "../../src/webhooks/malformed-body";
import { normaliseNumber } from "../../src/webhooks/receive-inbound";

const none = new URLSearchParams();

describe("inbound parsing", () => {
  it("reads CM's MO JSON", () => {
    const body = JSON.stringify({
      reference: "r",
      from: { number: "+316012345678", name: "" },
      to: { number: "3669" },
      message: { text: "Hoi" },
    });
    expect(parseInbound(body, none, "application/json")).toEqual({ from: "+316012345678", to: "3669", text: "Hoi", reference: "r" });
  });

  it("reads the query form", () => {
    expect(parseInbound("", new URLSearchParams("from=0031612345678&to=3669&text=Ja"), "")).toMatchObject({
      from: "0031612345678",
      to: "3669",
      text: "Ja",
    });
  });

  it("refuses a message without a sender", () => {
    expect(() => parseInbound(JSON.stringify({ to: { number: "3669" } }), none, "")).toThrow(MalformedBody);
  });
});

describe("inbound numbers", () => {
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
