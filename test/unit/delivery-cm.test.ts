/**
 * CM.com adapter pieces without the network (src/providers/sms/: cm.ts, cm-response.ts, cm-status.ts,
 * cm-types.ts, fragments.ts): request shape, answer classification, status mapping, parts.
 */
import { describe, expect, it } from "vitest";
import { toCmMessage } from "../../src/providers/sms/cm";
import { classifyCmResponse } from "../../src/providers/sms/cm-response";
import { mapCmReport } from "../../src/providers/sms/cm-status";
import { type CmResponse, cmNumber, cmReference, notificationIdFromReference } from "../../src/providers/sms/cm-types";
import { countSmsParts } from "../../src/providers/sms/fragments";
import type { SmsMessage } from "../../src/providers/sms/sms-provider";

const id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const message = (overrides: Partial<SmsMessage> = {}): SmsMessage => ({
  notificationId: id,
  to: "+31612345678",
  normalisedTo: "+31612345678",
  from: "Gemeente",
  body: "Hallo",
  billableUnits: 1,
  ...overrides,
});

describe("CM request", () => {
  it("references, numbers and the msg object", () => {
    expect(cmReference(id)).toBe("3f2504e04f8941d39a0c0305e82c3301");
    expect(notificationIdFromReference("3F2504E04F8941D39A0C0305E82C3301")).toBe(id);
    expect(notificationIdFromReference(id)).toBe(id);
    expect(notificationIdFromReference("not-ours")).toBeNull();
    expect(cmNumber("+31612345678")).toBe("0031612345678");
    expect(toCmMessage(message())).toEqual({
      allowedChannels: ["SMS"],
      from: "Gemeente",
      to: [{ number: "0031612345678" }],
      body: { type: "auto", content: "Hallo" },
      reference: "3f2504e04f8941d39a0c0305e82c3301",
      minimumNumberOfMessageParts: 1,
      maximumNumberOfMessageParts: 1,
    });
  });

  it.each([
    ["a".repeat(160), 1],
    ["a".repeat(161), 2],
    ["a".repeat(306), 2],
    ["a".repeat(307), 3],
    ["€".repeat(80), 1], // extension characters take two septets
    ["€".repeat(81), 2],
    ["é".repeat(160), 1], // é is in the GSM alphabet
    ["ê".repeat(70), 1], // ê is not: UCS-2
    ["ê".repeat(71), 2],
    ["😀".repeat(35), 1], // surrogate pairs: two code units each
    ["😀".repeat(36), 2],
  ])("parts of %#", (text, parts) => {
    expect(countSmsParts(text)).toBe(parts);
  });
});

describe("CM answer classification", () => {
  const accepted = (reference: string, parts = 1) => ({
    to: "0031612345678",
    status: "Accepted",
    reference,
    parts,
    messageDetails: null,
    messageErrorCode: 0,
  });
  const two = [message(), message({ notificationId: "11111111-2222-4333-8444-555555555555" })];
  const ref2 = cmReference("11111111-2222-4333-8444-555555555555");

  it("all accepted → sending with CM's part count", () => {
    const { outcomes } = classifyCmResponse(
      200,
      { details: "Created 1 message(s)", errorCode: 0, messages: [accepted(cmReference(id), 2)] },
      [message()],
    );
    expect(outcomes).toEqual([
      { kind: "accepted", notificationId: id, status: "sending", provider: "cm", providerReference: cmReference(id), billableUnits: 2 },
    ]);
  });

  it("partial success (200 + errorCode 201) maps each message by reference", () => {
    const body = {
      errorCode: 201,
      messages: [
        accepted(ref2),
        {
          to: "x",
          status: "Rejected",
          reference: cmReference(id),
          parts: 0,
          messageDetails: "Gsm 'x' is not a number.",
          messageErrorCode: 303,
        },
      ],
    };
    const { outcomes } = classifyCmResponse(200, body, two);
    expect(outcomes.map((o) => o.kind)).toEqual(["rejected", "accepted"]);
    expect(outcomes[0]).toMatchObject({ reason: "CM 303: Invalid MSISDN in the To field" });
  });

  it.each([
    [503, null, "retry"],
    [429, null, "retry"],
    [500, { errorCode: 500, messages: [] }, "retry"],
    [401, null, "retry"],
    [400, { details: "No account found for the given authentication", errorCode: 101, messages: [] }, "retry"],
    [400, { errorCode: 103, messages: [] }, "retry"],
    [400, { errorCode: 102, messages: [] }, "retry"],
    [400, { errorCode: 202, messages: [] }, "failed"],
    [200, null, "failed"], // unreadable success: CM may have sent it, never send it twice
    [404, null, "retry"],
  ] as const)("HTTP %s %j → %s", (status, body, kind) => {
    expect(classifyCmResponse(status, body as CmResponse | null, [message()]).outcomes.map((o) => o.kind)).toEqual([kind]);
  });

  it("a message missing from the answer: accepted when CM says all were created, else failed", () => {
    expect(classifyCmResponse(200, { errorCode: 0, messages: [accepted(ref2)] }, two).outcomes.map((o) => o.kind)).toEqual([
      "accepted",
      "accepted",
    ]);
    expect(classifyCmResponse(200, { errorCode: 201, messages: [accepted(ref2)] }, two).outcomes.map((o) => o.kind)).toEqual([
      "failed",
      "accepted",
    ]);
  });

  it("a per-message internal error is retried alone", () => {
    const body = { errorCode: 201, messages: [accepted(ref2), { status: "Rejected", reference: cmReference(id), messageErrorCode: 500 }] };
    expect(classifyCmResponse(200, body, two).outcomes.map((o) => o.kind)).toEqual(["retry", "accepted"]);
  });
});

describe("CM status report mapping", () => {
  // The whole table of src/providers/sms/cm-status.ts; the webhook test keeps two rows for the wiring.
  it.each([
    ["0", "", "pending", "CM 0: CM's text", "0"],
    ["1", "", "permanent-failure", "CM 1: CM's text", "1"],
    ["2", "", "delivered", "CM 2: CM's text", "2"],
    ["3", "7", "temporary-failure", "CM 3/7: CM's text", "3/7"],
    ["3", "5", "permanent-failure", "CM 3/5: CM's text", "3/5"],
    ["3", "", "permanent-failure", "CM 3: CM's text", "3"],
    ["4", "", "delivered", "CM 4: CM's text", "4"],
    [" 2 ", "", "delivered", "CM 2: CM's text", "2"],
    ["3", " 7 ", "temporary-failure", "CM 3/7: CM's text", "3/7"],
  ])("code %j errorCode %j → %s, described as %j (provider status %j)", (code, errorCode, status, providerResponse, providerStatus) => {
    expect(mapCmReport({ reference: "r", code, errorCode, errorDescription: "CM's text" })).toEqual({
      reference: "r",
      provider: "cm",
      channel: "sms",
      status,
      providerResponse,
      providerStatus,
    });
  });

  it("a report the simulator makes names the simulator as its provider", () => {
    expect(mapCmReport({ reference: "r", code: "2", errorCode: "", errorDescription: "" }, "simulator")?.provider).toBe("simulator");
  });

  it("unknown codes map to nothing", () => {
    expect(mapCmReport({ reference: "r", code: "9", errorCode: "", errorDescription: "" })).toBeNull();
  });

  it.each([
    ["no description: the codes alone", "", "CM 2"],
    ["line breaks and tabs become one space, ends trimmed", " Delivered\r\n\tto handset ", "CM 2: Delivered to handset"],
    ["cut at 200 characters", "x".repeat(300), `CM 2: ${"x".repeat(200)}`],
  ])("the description: %s", (_name, errorDescription, providerResponse) => {
    expect(mapCmReport({ reference: "r", code: "2", errorCode: "", errorDescription })?.providerResponse).toBe(providerResponse);
  });
});
