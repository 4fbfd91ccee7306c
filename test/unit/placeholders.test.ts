/** Template placeholders (src/notifications/render/placeholders.ts): names, missing personalisation, filling, lists, optional content. */
import Mustache from "mustache";
import { describe, expect, it } from "vitest";
import { fillPlaceholders, missingPersonalisation, normaliseKey, placeholderNames } from "../../src/notifications/render/placeholders";

const sms = { kind: "sms" } as const;
const emailBody = { kind: "email-body" } as const;
const plain = { kind: "plain" } as const;

describe("placeholder names", () => {
  it("normalises by dropping spaces, _ and - and lower-casing", () => {
    expect(normaliseKey("First Name")).toBe("firstname");
    expect(normaliseKey("first_name")).toBe("firstname");
    expect(normaliseKey("FIRST-NAME")).toBe("firstname");
    expect(normaliseKey("Datum afspraak")).toBe("datumafspraak");
  });

  it("lists distinct names in order, in the template's spelling", () => {
    expect(placeholderNames("Beste ((Voornaam)), uw afspraak op ((datum_afspraak)) om ((tijd)).")).toEqual([
      "Voornaam",
      "datum_afspraak",
      "tijd",
    ]);
  });

  it("counts insensitive duplicates once, keeping the first spelling", () => {
    expect(placeholderNames("((First Name)) ((first_name)) ((FIRST-NAME)) ((achternaam)) ((Achter naam))")).toEqual([
      "First Name",
      "achternaam",
    ]);
  });

  it("includes the names of optional content but not its text, and trims names", () => {
    expect(placeholderNames("((  naam  )) ((toon_bijlage??Zie de bijlage.)) ((toon_bijlage??x))")).toEqual(["naam", "toon_bijlage"]);
  });

  it("follows Notify's pattern: no parentheses inside, innermost pair wins", () => {
    expect(placeholderNames("(((naam))) ((a(b)) ((onaf")).toEqual(["naam"]);
    expect(placeholderNames("geen placeholders {{naam}} hier")).toEqual([]);
  });
});

describe("missing personalisation", () => {
  it("reports names without a value across subject and body, once each", () => {
    const missing = missingPersonalisation(["Afspraak ((datum))", "Beste ((naam)), op ((Datum)) om ((tijd))"], { naam: "Jan" });
    expect(missing).toEqual(["datum", "tijd"]);
  });

  it("matches keys insensitively and ignores extra keys", () => {
    expect(missingPersonalisation(["((First Name)) ((postcode))"], { first_name: "Jan", POST_CODE: "1234 AB", extra: 1 })).toEqual([]);
  });

  it("treats null as missing but empty strings, 0 and false as present", () => {
    expect(missingPersonalisation(["((a)) ((b)) ((c)) ((d))"], { a: null, b: "", c: 0, d: false })).toEqual(["a"]);
  });

  it("requires the condition of optional content, not the placeholder it names (NotifyNL)", () => {
    expect(missingPersonalisation(["((toon??extra_tekst))"], {})).toEqual(["toon"]);
    expect(missingPersonalisation(["((toon??extra_tekst))"], { toon: "ja" })).toEqual([]);
  });
});

describe("fillPlaceholders", () => {
  it("fills values with insensitive names on both sides", () => {
    const text = "Beste ((First Name)) ((achter_naam)), welkom ((FIRST-NAME))!";
    expect(fillPlaceholders(text, { first_name: "Sanne", "Achter Naam": "de Vries" }, sms)).toBe("Beste Sanne de Vries, welkom Sanne!");
  });

  it("lets the last of two clashing keys win, like Notify's InsensitiveDict", () => {
    expect(fillPlaceholders("((naam))", { naam: "eerste", NAAM: "tweede" }, sms)).toBe("tweede");
  });

  it("leaves a placeholder without a value as written", () => {
    expect(fillPlaceholders("Hoi ((naam)), ((toon??tekst))", { naam: null }, sms)).toBe("Hoi ((naam)), ((toon??tekst))");
  });

  it("stringifies numbers and booleans and keeps empty strings and 0", () => {
    expect(fillPlaceholders("((a))|((b))|((c))|((d))|((e))", { a: 42, b: 3.5, c: true, d: "", e: 0 }, sms)).toBe("42|3.5|true||0");
  });

  it("never HTML-escapes and leaves the global Mustache.escape alone", () => {
    const escapeBefore = Mustache.escape;
    expect(fillPlaceholders("((x)) & <b>", { x: `<script>"&'</script>` }, emailBody)).toBe(`<script>"&'</script> & <b>`);
    expect(Mustache.escape).toBe(escapeBefore);
    expect(Mustache.escape("<")).toBe("&lt;");
  });

  it("does not render values again, so a value cannot pull in other values", () => {
    expect(fillPlaceholders("((a))", { a: "((b))", b: "geheim" }, sms)).toBe("((b))");
  });

  it("treats mustache syntax as Notify would: plain placeholders or text", () => {
    const values = { "#sectie": "S", "!commentaar": "C", ">partial": "P", naam: "Jan" };
    expect(fillPlaceholders("((#sectie)) ((!commentaar)) ((>partial)) {{naam}}", values, sms)).toBe("S C P {{naam}}");
    expect(fillPlaceholders("((=<% %>=)) <%naam%>", values, sms)).toBe("((=<% %>=)) <%naam%>");
  });

  it("keeps stray parentheses and unclosed tags as text", () => {
    const values = { naam: "Jan" };
    expect(fillPlaceholders("(((naam)))", values, sms)).toBe("(Jan)");
    expect(fillPlaceholders("Bel ((020) 123 4567 of ((naam", values, sms)).toBe("Bel ((020) 123 4567 of ((naam");
    expect(fillPlaceholders("a)) b (( c ((naam)) ))", values, sms)).toBe("a)) b (( c Jan ))");
    expect(fillPlaceholders("(tussen haakjes) ((naam))", values, sms)).toBe("(tussen haakjes) Jan");
  });

  it("keeps newlines and surrounding whitespace of the template", () => {
    expect(fillPlaceholders("  Regel 1\n\n((naam))  \n", { naam: "Jan" }, emailBody)).toBe("  Regel 1\n\nJan  \n");
  });
});

describe("list values", () => {
  it("joins lists as 'a, b and c' in SMS and plain fields", () => {
    expect(fillPlaceholders("((docs))", { docs: ["paspoort", "rijbewijs", "uittreksel"] }, sms)).toBe("paspoort, rijbewijs and uittreksel");
    expect(fillPlaceholders("((docs))", { docs: ["paspoort", "rijbewijs"] }, plain)).toBe("paspoort and rijbewijs");
    expect(fillPlaceholders("((docs))", { docs: ["paspoort"] }, plain)).toBe("paspoort");
  });

  it("renders a markdown bullet list in email bodies", () => {
    expect(fillPlaceholders("Neem mee:((docs))", { docs: ["paspoort", "rijbewijs"] }, emailBody)).toBe(
      "Neem mee:\n\n* paspoort\n* rijbewijs",
    );
  });

  it("drops empty, null and whitespace-only items and stringifies the rest", () => {
    const docs = ["paspoort", "", "  ", null, 7, true, " pasfoto\u200b "];
    expect(fillPlaceholders("((docs))", { docs }, sms)).toBe("paspoort, 7, true and pasfoto");
    expect(fillPlaceholders("((docs))", { docs }, emailBody)).toBe("\n\n* paspoort\n* 7\n* true\n* pasfoto");
  });

  it("renders an empty list as nothing", () => {
    expect(fillPlaceholders("[((docs))]", { docs: [] }, sms)).toBe("[]");
    expect(fillPlaceholders("[((docs))]", { docs: [" "] }, emailBody)).toBe("[]");
  });
});

describe("optional content ((name??text))", () => {
  it.each(["yes", "Y", "true", "T", "1", "include", "SHOW", "Yes"])("shows the text for %j", (value) => {
    expect(fillPlaceholders("Welkom.((extra??Zie de bijlage.))", { extra: value }, sms)).toBe("Welkom.Zie de bijlage.");
  });

  it.each(["no", "ja", "0", "false", "", "hide", " yes"])("hides the text for %j", (value) => {
    expect(fillPlaceholders("Welkom.((extra??Zie de bijlage.))", { extra: value }, sms)).toBe("Welkom.");
  });

  it("accepts JSON booleans and numbers", () => {
    expect(fillPlaceholders("((a??Ja))((b??Nee))((c??Een))((d??Nul))", { a: true, b: false, c: 1, d: 0 }, sms)).toBe("JaEen");
  });

  it("never treats a list as true", () => {
    expect(fillPlaceholders("((a??A))", { a: ["yes"] }, sms)).toBe("");
  });

  it("keeps the spaces of the optional text, as Notify does", () => {
    expect(fillPlaceholders("Hallo((extra?? en welkom))!", { extra: "yes" }, sms)).toBe("Hallo en welkom!");
  });

  it("shows another placeholder's value even when the text merely equals its name (NotifyNL extension)", () => {
    expect(fillPlaceholders("((toon??Naam))", { toon: "yes", naam: "Jan" }, sms)).toBe("Jan");
  });

  it("shows the value of another placeholder named as the text (NotifyNL extension)", () => {
    const values = { toon_adres: "ja", toon: "yes", "Bezoek Adres": "Stadhuisplein 1, Rotterdam" };
    expect(fillPlaceholders("((toon??bezoek_adres))", values, sms)).toBe("Stadhuisplein 1, Rotterdam");
    expect(fillPlaceholders("((toon_adres??bezoek_adres))", values, sms)).toBe("");
  });

  it("formats a list shown through optional content for its destination", () => {
    const values = { toon: "show", docs: ["paspoort", "rijbewijs"] };
    expect(fillPlaceholders("((toon??docs))", values, sms)).toBe("paspoort and rijbewijs");
    expect(fillPlaceholders("((toon??docs))", values, emailBody)).toBe("\n\n* paspoort\n* rijbewijs");
  });

  it("shows the text literally when no such placeholder has a value", () => {
    expect(fillPlaceholders("((toon??docs))", { toon: "yes", docs: null }, sms)).toBe("docs");
  });
});
