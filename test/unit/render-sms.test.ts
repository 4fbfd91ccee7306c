/** SMS rendering (src/notifications/render/sms.ts): content, encodings, character counts, fragments, the length limit. */
import { describe, expect, it } from "vitest";
import {
  checkSmsLength,
  normaliseSmsContent,
  renderSms,
  SMS_CHAR_LIMIT,
  smsCharacterCount,
  smsEncoding,
  smsFragmentCount,
} from "../../src/notifications/render/sms";

const tooLong = (n: number) =>
  `Your message is too long. Text messages cannot be longer than 918 characters. Your message is ${n} characters long.`;

describe("renderSms", () => {
  it("fills placeholders and reports GSM-7 with one fragment", () => {
    const sms = renderSms("Beste ((naam)), uw afspraak is op ((datum)).", { naam: "Jan", datum: "3 maart" });
    expect(sms).toEqual({
      content: "Beste Jan, uw afspraak is op 3 maart.",
      encoding: "gsm7",
      fragments: 1,
      characterCount: 37,
    });
  });

  it("joins list values with 'and' (Notify's wording)", () => {
    expect(renderSms("Neem mee: ((docs)).", { docs: ["paspoort", "", "rijbewijs", "pasfoto"] }).content).toBe(
      "Neem mee: paspoort, rijbewijs and pasfoto.",
    );
  });

  it("puts the service name in front when a prefix is given", () => {
    const sms = renderSms("Uw pas is klaar.", {}, { prefix: " Gemeente Utrecht " });
    expect(sms.content).toBe("Gemeente Utrecht: Uw pas is klaar.");
    expect(renderSms("Uw pas is klaar.", {}, { prefix: null }).content).toBe("Uw pas is klaar.");
  });

  it.each(["België", "ideeën", "geïnd", "café in Curaçao"])(
    "keeps the Dutch diacritics of %j instead of downgrading them, switching to UCS-2",
    (word) => {
      const sms = renderSms(`Over ${word}`, {});
      expect(sms.content).toBe(`Over ${word}`);
      expect(sms.encoding).toBe("ucs2");
    },
  );

  it("stays GSM-7 for accents that GSM 03.38 has (ö, ü, é, ä...)", () => {
    // ö is GSM 0x7C, so "coördinatie" is GSM-7 (contrary to a common assumption); ë and ï are not.
    expect(renderSms("coördinatie, reünie, café", {}).encoding).toBe("gsm7");
    expect(renderSms("coördinatie in België", {}).encoding).toBe("ucs2");
    const sms = renderSms("é è ù ì ò Ç É Ä Ö Ñ Ü ä ö ñ ü à Å å Ø ø Æ æ ß ¿ ¡ § £ ¥ ¤ Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ @ $ _", {});
    expect(sms.encoding).toBe("gsm7");
  });

  it("treats emoji and other scripts as UCS-2 counted in UTF-16 units", () => {
    const sms = renderSms("Tot ziens 👋", {});
    expect(sms.encoding).toBe("ucs2");
    expect(sms.characterCount).toBe(12);
    expect(renderSms("Привет", {}).encoding).toBe("ucs2");
  });
});

describe("normaliseSmsContent", () => {
  it("removes spaces before commas and full stops", () => {
    expect(normaliseSmsContent("Hallo Jan , tot morgen .")).toBe("Hallo Jan, tot morgen.");
  });

  it("collapses whitespace per line, at most one blank line, trimmed", () => {
    expect(normaliseSmsContent("  Regel   één  \r\n\r\n\r\n\n Regel\t\ttwee \n\n\n")).toBe("Regel één\n\nRegel twee");
  });

  it("makes only meaning-preserving replacements", () => {
    expect(normaliseSmsContent("Open 9–17 uur — ‘ja’ “nee” „zo” … klaar")).toBe(`Open 9-17 uur - 'ja' "nee" "zo"... klaar`);
    expect(normaliseSmsContent("on\u200bzicht\u200d\ufeffbaar\u00a0nu")).toBe("onzichtbaar nu");
  });

  it("keeps a message with only replaced characters in GSM-7", () => {
    const sms = renderSms("Zaterdag–zondag: ‘gesloten’…", {});
    expect(sms.content).toBe("Zaterdag-zondag: 'gesloten'...");
    expect(sms.encoding).toBe("gsm7");
  });
});

describe("character counting", () => {
  it("counts GSM extension characters as 2", () => {
    expect(smsCharacterCount("€")).toBe(2);
    expect(smsCharacterCount("^{}\\[~]|")).toBe(16);
    expect(renderSms("Kosten: €5", {}).characterCount).toBe(11);
    expect(smsEncoding("Kosten: €5 [incl. btw]")).toBe("gsm7");
  });

  it("counts UTF-16 units once a message is UCS-2, extension characters included", () => {
    expect(smsCharacterCount("België €5")).toBe(9);
  });
});

describe("fragments", () => {
  const gsm = (n: number) => renderSms("a".repeat(n), {});
  const ucs = (n: number) => renderSms("ë".repeat(n), {});

  it.each([
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
    [459, 3],
    [460, 4],
    [918, 6],
  ])("GSM-7 with %i characters is %i fragment(s)", (n, fragments) => {
    expect(gsm(n)).toMatchObject({ encoding: "gsm7", characterCount: n, fragments });
  });

  it.each([
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
    [918, 14],
  ])("UCS-2 with %i characters is %i fragment(s)", (n, fragments) => {
    expect(ucs(n)).toMatchObject({ encoding: "ucs2", characterCount: n, fragments });
  });

  it("lets an extension character push a message over the boundary", () => {
    expect(renderSms(`${"a".repeat(158)}€`, {})).toMatchObject({ characterCount: 160, fragments: 1 });
    expect(renderSms(`${"a".repeat(159)}€`, {})).toMatchObject({ characterCount: 161, fragments: 2 });
  });

  it("lets one Dutch diacritic turn 160 GSM characters into 3 UCS-2 fragments", () => {
    expect(renderSms(`${"a".repeat(159)}ë`, {})).toMatchObject({ encoding: "ucs2", characterCount: 160, fragments: 3 });
  });

  it("computes fragments directly", () => {
    expect(smsFragmentCount(0, "gsm7")).toBe(1);
    expect(smsFragmentCount(153 * 2 + 1, "gsm7")).toBe(3);
    expect(smsFragmentCount(67 * 2 + 1, "ucs2")).toBe(3);
  });
});

describe("length limit", () => {
  it("is Notify's 918", () => {
    expect(SMS_CHAR_LIMIT).toBe(918);
  });

  it("allows exactly 918 characters and refuses 919 with Notify's message", () => {
    expect(checkSmsLength("a".repeat(918))).toBeNull();
    expect(checkSmsLength("a".repeat(919))).toBe(tooLong(919));
  });

  it("counts extension characters as 2 against the limit", () => {
    expect(checkSmsLength(`${"a".repeat(916)}€`)).toBeNull();
    expect(checkSmsLength(`${"a".repeat(917)}€`)).toBe(tooLong(919));
  });

  it("counts UCS-2 messages in characters too", () => {
    expect(checkSmsLength("ë".repeat(918))).toBeNull();
    expect(checkSmsLength(`${"ë".repeat(900)}${"a".repeat(100)}`)).toBe(tooLong(1000));
  });

  it("checks the rendered content, after personalisation", () => {
    const sms = renderSms("((tekst))", { tekst: "x".repeat(1000) });
    expect(checkSmsLength(sms.content)).toBe(tooLong(1000));
  });
});
