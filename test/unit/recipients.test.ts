/** Recipient validation (src/notifications/recipients.ts): Dutch and international numbers, email addresses, smoke-test and simulated recipients. */
import { describe, expect, it } from "vitest";
import {
  isSmokeTestRecipient,
  SIMULATED_PERMANENT_FAILURE_NUMBER,
  SIMULATED_TEMPORARY_FAILURE_NUMBER,
  SMOKE_TEST_EMAIL_ADDRESSES,
  SMOKE_TEST_PHONE_NUMBERS,
  sendableEmailAddress,
  simulatedOutcome,
  validateEmailAddress,
  validatePhoneNumber,
} from "../../src/notifications/recipients";

const dutchOnly = { allowInternational: false };
const anywhere = { allowInternational: true };
const INVALID = "Number is not valid \u2013 double check the phone number you entered";

describe("validatePhoneNumber: Dutch mobiles", () => {
  it.each([
    "0612345678",
    "06-12345678",
    "06 12 34 56 78",
    "06-1234 5678",
    "(06) 1234-5678",
    "06.12.34.56.78",
    "+31 6 1234 5678",
    "+31612345678",
    "+31 (0)6 12345678",
    "0031612345678",
    "0031 6 12345678",
    "31612345678",
    "612345678",
    "  0612345678  ",
    "\u200b0612345678",
  ])("accepts %j as +31612345678", (input) => {
    expect(validatePhoneNumber(input, dutchOnly)).toEqual({ ok: true, e164: "+31612345678", international: false, countryCode: "31" });
  });

  it.each(["0612345678", "0622345678", "0638765432", "0648765432", "0658765432", "0687654321", "097012345678"])(
    "accepts mobile range %s",
    (input) => {
      expect(validatePhoneNumber(input, dutchOnly)).toMatchObject({ ok: true, international: false });
    },
  );
});

describe("validatePhoneNumber: refusals", () => {
  it.each(["020-1234567", "010 123 4567", "+31 20 123 4567", "0031 70 1234567", "088 123 4567"])(
    "refuses landline %j as not a Dutch mobile",
    (input) => {
      expect(validatePhoneNumber(input, anywhere)).toEqual({ ok: false, error: "InvalidPhoneError", message: "Not a dutch mobile number" });
    },
  );

  it.each(["0800 1234567", "0900 1234567", "066 1234567", "085 123 4567", "061234567", "+316123456789", "069 1234567"])(
    "refuses %j as not a valid number",
    (input) => {
      expect(validatePhoneNumber(input, anywhere)).toEqual({ ok: false, error: "ValidationError", message: INVALID });
    },
  );

  it("uses an en dash in the invalid-number message", () => {
    const result = validatePhoneNumber("061234567", dutchOnly);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("valid \u2013 double");
  });

  it.each([
    "06-1234567a",
    "06 CALL NOW",
    "tel:0612345678",
    "06/12345678",
    "06_12345678",
    "+31+612345678",
    "06 1234 5678 #1",
    "0612345678!",
  ])("refuses %j for letters or symbols", (input) => {
    expect(validatePhoneNumber(input, dutchOnly)).toEqual({
      ok: false,
      error: "ValidationError",
      message: "Must not contain letters or symbols",
    });
  });

  it.each(["0612", "06", "+31 6", "+31", "1", "", "   ", "()-"])("refuses %j for not enough digits", (input) => {
    expect(validatePhoneNumber(input, dutchOnly)).toEqual({ ok: false, error: "ValidationError", message: "Not enough digits" });
  });

  it.each(["0612345678901", "06 1234 5678 9012", "+31 6 1234 5678 901", "+49 151 1234 5678 9012 34"])(
    "refuses %j for too many digits",
    (input) => {
      expect(validatePhoneNumber(input, anywhere)).toEqual({ ok: false, error: "ValidationError", message: "Too many digits" });
    },
  );

  it.each(["+999 1234567", "+0612345678", "00999 1234567"])("refuses %j for its country prefix", (input) => {
    expect(validatePhoneNumber(input, anywhere)).toEqual({ ok: false, error: "ValidationError", message: "Not a valid country prefix" });
  });
});

describe("validatePhoneNumber: international", () => {
  it("refuses a valid German mobile without the international permission", () => {
    expect(validatePhoneNumber("+49 151 12345678", dutchOnly)).toEqual({
      ok: false,
      error: "BadRequestError",
      message: "Cannot send to international mobile numbers",
    });
  });

  it("accepts it with the permission", () => {
    expect(validatePhoneNumber("+49 151 12345678", anywhere)).toEqual({
      ok: true,
      e164: "+4915112345678",
      international: true,
      countryCode: "49",
    });
    expect(validatePhoneNumber("0049 151 12345678", anywhere)).toMatchObject({ ok: true, e164: "+4915112345678" });
  });

  it("recognises international numbers whose + was lost in a spreadsheet", () => {
    expect(validatePhoneNumber("4915112345678", anywhere)).toMatchObject({ ok: true, e164: "+4915112345678", international: true });
    expect(validatePhoneNumber("4915112345678", dutchOnly)).toMatchObject({ ok: false, error: "BadRequestError" });
  });

  it.each([
    ["+32 470 12 34 56", "+32470123456", "32"],
    ["+44 7911 123456", "+447911123456", "44"],
    ["+1 202 555 0143", "+12025550143", "1"],
    ["+49 30 12345678", "+493012345678", "49"],
  ])("accepts %j with the permission", (input, e164, countryCode) => {
    expect(validatePhoneNumber(input, anywhere)).toEqual({ ok: true, e164, international: true, countryCode });
  });

  it("checks validity before permission, as Notify does", () => {
    expect(validatePhoneNumber("+49 151 1234", dutchOnly)).toMatchObject({ ok: false, error: "ValidationError" });
  });
});

describe("validateEmailAddress", () => {
  it.each([
    ["jan.jansen@example.nl", "jan.jansen@example.nl"],
    ["  Jan.Jansen@Gemeente.Amsterdam.NL ", "jan.jansen@gemeente.amsterdam.nl"],
    ["j+notify@sub.domein.frl", "j+notify@sub.domein.frl"],
    ["o'brien@example.co.uk", "o'brien@example.co.uk"],
    ["a_b-c!#$%&*/=?^`{|}~@x-y.nl", "a_b-c!#$%&*/=?^`{|}~@x-y.nl"],
    ["info@xn--bcher-kva.nl", "info@xn--bcher-kva.nl"],
    ["info@bücher.nl", "info@bücher.nl"],
    ["jan\u200b@example.nl", "jan@example.nl"],
  ])("accepts %j as %j", (input, normalised) => {
    expect(validateEmailAddress(input)).toEqual({ ok: true, normalised });
  });

  it.each([
    "",
    "jan",
    "jan@",
    "@example.nl",
    "jan@example",
    "jan@example.n",
    "jan@example.123",
    "jan..jansen@example.nl",
    "jan@example..nl",
    "jan@.example.nl",
    "jan@-example.nl",
    "jan@example-.nl",
    "jan jansen@example.nl",
    '"jan"@example.nl',
    "jan;@example.nl",
    "jan@example.nl;",
    "jan@exa mple.nl",
    "jan@@example.nl",
    "jan@ex_ample.nl",
    `${"a".repeat(310)}@example.nl`,
    `jan@${"a".repeat(64)}.nl`,
  ])("refuses %j", (input) => {
    expect(validateEmailAddress(input)).toEqual({ ok: false, error: "ValidationError", message: "Not a valid email address" });
  });
});

describe("smoke-test recipients", () => {
  it("are these three numbers", () => {
    expect(SMOKE_TEST_PHONE_NUMBERS).toEqual(["+3197000000000", "+3197000000111", "+3197000000222"]);
  });

  it.each(SMOKE_TEST_PHONE_NUMBERS)("%s is a valid Dutch mobile without any permission", (number) => {
    expect(validatePhoneNumber(number, dutchOnly)).toEqual({ ok: true, e164: number, international: false, countryCode: "31" });
  });

  it.each(SMOKE_TEST_PHONE_NUMBERS)("%s is recognised, with or without the plus", (number) => {
    expect(isSmokeTestRecipient(number)).toBe(true);
    expect(isSmokeTestRecipient(number.slice(1))).toBe(true);
  });

  it("is recognised once a national spelling is normalised", () => {
    const national = validatePhoneNumber("0970 0000 0111", dutchOnly);
    expect(national).toMatchObject({ ok: true, e164: "+3197000000111" });
    expect(national.ok && isSmokeTestRecipient(national.e164)).toBe(true);
  });

  it("include these three simulate-delivered addresses", () => {
    expect(SMOKE_TEST_EMAIL_ADDRESSES).toEqual([
      "simulate-delivered@notifynl.nl",
      "simulate-delivered-2@notifynl.nl",
      "simulate-delivered-3@notifynl.nl",
    ]);
  });

  it.each(SMOKE_TEST_EMAIL_ADDRESSES)("%s is a valid address and recognised", (address) => {
    expect(validateEmailAddress(address)).toEqual({ ok: true, normalised: address });
    expect(isSmokeTestRecipient(address)).toBe(true);
  });

  it("recognises an address in any case", () => {
    expect(isSmokeTestRecipient("Simulate-Delivered-2@NotifyNL.nl")).toBe(true);
  });

  it.each(["+31612345678", "+3197000000001", SIMULATED_TEMPORARY_FAILURE_NUMBER, "simulate-delivered-4@notifynl.nl", "jan@notifynl.nl"])(
    "do not include the ordinary recipient %s",
    (other) => {
      expect(isSmokeTestRecipient(other)).toBe(false);
    },
  );
});

describe("simulatedOutcome", () => {
  it.each([
    [SIMULATED_PERMANENT_FAILURE_NUMBER, "permanent-failure"],
    [SIMULATED_TEMPORARY_FAILURE_NUMBER, "temporary-failure"],
    [SIMULATED_TEMPORARY_FAILURE_NUMBER.slice(1), "temporary-failure"],
    ["perm-fail@simulator.notify", "permanent-failure"],
    ["team-a-temp-fail@simulator.notify", "temporary-failure"],
    ["Temp-Fail@Simulator.Notify", "temporary-failure"],
  ])("gives %s the outcome %s", (recipient, outcome) => {
    expect(simulatedOutcome(recipient)).toBe(outcome);
  });

  it.each([SIMULATED_PERMANENT_FAILURE_NUMBER, SIMULATED_TEMPORARY_FAILURE_NUMBER])(
    "the magic number %s passes validation as a Dutch mobile",
    (number) => {
      expect(validatePhoneNumber(number, dutchOnly)).toEqual({ ok: true, e164: number, international: false, countryCode: "31" });
    },
  );

  it.each(["perm-fail@simulator.notify", "temp-fail@simulator.notify"])("the simulator address %s is a valid address", (address) => {
    expect(validateEmailAddress(address)).toMatchObject({ ok: true });
  });

  it.each(["+31612345678", "+3197000000000", "simulate-delivered@notifynl.nl", "jan@example.nl"])(
    "delivers everything else, including smoke-test recipients: %s",
    (other) => {
      expect(simulatedOutcome(other)).toBe("delivered");
    },
  );
});

describe("sendableEmailAddress", () => {
  it.each([
    ["a zero-width space inside", "jan\u200b@example.nl", "jan@example.nl"],
    ["no-break spaces around", "\u00a0Jan.Jansen@Example.nl\u202f", "Jan.Jansen@Example.nl"],
    ["a Unicode domain", "jan@bücher.nl", "jan@xn--bcher-kva.nl"],
  ])("%s: %j is sent to %j", (_name, input, sent) => {
    expect(sendableEmailAddress(input)).toBe(sent);
  });
});
