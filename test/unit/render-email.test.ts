/** Email rendering (src/notifications/render/email.ts): subject, Notify markdown to HTML and text, sanitising, one-click unsubscribe. */
import { describe, expect, it } from "vitest";
import { renderEmail, sanitiseMarkdown, UNSUBSCRIBE_LINK_TEXT } from "../../src/notifications/render/email";

/** The HTML between the article wrapper, with inline styles removed so assertions stay readable. */
function content(html: string): string {
  const start = html.indexOf(">", html.indexOf('<div role="article"')) + 1;
  const end = html.lastIndexOf("</div>");
  return html
    .slice(start, end)
    .replace(/ style="[^"]*"/g, "")
    .trim();
}

const render = (body: string, personalisation: Record<string, unknown> = {}, subject = "Onderwerp") =>
  renderEmail({ subject, body }, personalisation, {});

describe("subject", () => {
  it("fills placeholders as plain text and collapses whitespace", () => {
    const email = render("x", { naam: "Jan", docs: ["paspoort", "rijbewijs"] }, "  Afspraak  voor\n((naam)):\t((docs)) ");
    expect(email.subject).toBe("Afspraak voor Jan: paspoort and rijbewijs");
  });

  it("keeps markdown characters literally", () => {
    expect(render("x", { ref: "#123 *spoed*" }, "Zaak ((ref))").subject).toBe("Zaak #123 *spoed*");
  });
});

describe("body", () => {
  it("returns the markdown source with values filled in", () => {
    const email = render("# Beste ((naam))\n\nNeem mee:((docs))", { naam: "Jan", docs: ["paspoort", "rijbewijs"] });
    expect(email.body).toBe("# Beste Jan\n\nNeem mee:\n\n* paspoort\n* rijbewijs");
  });
});

describe("HTML", () => {
  it("is a complete document without external resources", () => {
    const { html } = render("Hallo", {}, "Uw <aanvraag>");
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="nl">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("<title>Uw &lt;aanvraag&gt;</title>");
    expect(html).toContain('aria-label="Uw &lt;aanvraag&gt;"');
    expect(html).not.toMatch(/<link|<script|<img|src=|url\(/i);
  });

  it("escapes personalisation values and template text", () => {
    const html = content(render("<b>Let op</b> ((naam)) & co", { naam: `<script>alert("x")</script>` }).html);
    expect(html).toBe("<p>&lt;b&gt;Let op&lt;/b&gt; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>");
  });

  it("renders # as h2 and ## as h3; deeper headings are paragraphs", () => {
    expect(content(render("# Kop\n## Subkop\n### Klein").html)).toBe("<h2>Kop</h2>\n<h3>Subkop</h3>\n<p>Klein</p>");
  });

  it("needs a space after # for a heading", () => {
    expect(content(render("#1 prioriteit").html)).toBe("<p>#1 prioriteit</p>");
  });

  it("renders paragraphs and single newlines as line breaks", () => {
    expect(content(render("Regel 1\nRegel 2\n\n\nAlinea 2").html)).toBe("<p>Regel 1<br>Regel 2</p>\n<p>Alinea 2</p>");
  });

  it("renders bullets written with *, - and •", () => {
    expect(content(render("* een\n- twee\n• drie").html)).toBe("<ul><li>een</li><li>twee</li><li>drie</li></ul>");
  });

  it("lets a list follow a paragraph line and continue over blank lines", () => {
    expect(content(render("Neem mee:\n* paspoort\n\n* pasfoto\n\nTot dan.").html)).toBe(
      "<p>Neem mee:</p>\n<ul><li>paspoort</li><li>pasfoto</li></ul>\n<p>Tot dan.</p>",
    );
  });

  it("keeps continuation lines inside a list item", () => {
    expect(content(render("* paspoort\n  of ID-kaart\n* pasfoto").html)).toBe("<ul><li>paspoort<br>of ID-kaart</li><li>pasfoto</li></ul>");
  });

  it("renders numbered lists, keeping a start number other than 1", () => {
    expect(content(render("1. aanvragen\n2. betalen").html)).toBe("<ol><li>aanvragen</li><li>betalen</li></ol>");
    expect(content(render("3. ophalen\n4. klaar").html)).toBe('<ol start="3"><li>ophalen</li><li>klaar</li></ol>');
  });

  it("renders list values from personalisation as a list", () => {
    expect(content(render("Neem mee:((docs))", { docs: ["paspoort", "<pasfoto>"] }).html)).toBe(
      "<p>Neem mee:</p>\n<ul><li>paspoort</li><li>&lt;pasfoto&gt;</li></ul>",
    );
  });

  it("renders ^ as inset text", () => {
    expect(content(render("^ Let op: neem uw paspoort mee.\n^ Zonder paspoort geen afspraak.\n\nTot ziens").html)).toBe(
      "<blockquote><p>Let op: neem uw paspoort mee.<br>Zonder paspoort geen afspraak.</p></blockquote>\n<p>Tot ziens</p>",
    );
  });

  it("renders --- as a horizontal rule, also right under text", () => {
    expect(content(render("Boven\n---\nOnder").html)).toBe("<p>Boven</p>\n<hr>\n<p>Onder</p>");
  });

  it("renders markdown links and auto-links bare URLs", () => {
    const html = content(render("Zie [de website](https://www.rijksoverheid.nl/onderwerpen?a=1&b=2) of https://mijn.overheid.nl.").html);
    expect(html).toBe(
      '<p>Zie <a href="https://www.rijksoverheid.nl/onderwerpen?a=1&amp;b=2">de website</a> of ' +
        '<a href="https://mijn.overheid.nl">https://mijn.overheid.nl</a>.</p>',
    );
  });

  it("links www. addresses and keeps sentence punctuation and unbalanced brackets outside", () => {
    const html = content(render("(kijk op www.gemeente.nl/afval) en https://nl.wikipedia.org/wiki/Gouda_(stad), klaar").html);
    expect(html).toBe(
      '<p>(kijk op <a href="https://www.gemeente.nl/afval">www.gemeente.nl/afval</a>) en ' +
        '<a href="https://nl.wikipedia.org/wiki/Gouda_(stad)">https://nl.wikipedia.org/wiki/Gouda_(stad)</a>, klaar</p>',
    );
  });

  it("does not link file names, email addresses or non-web link targets", () => {
    const html = content(render("bijlage.pdf, info@gemeente.nl en [klik](javascript:alert(1))").html);
    expect(html).toBe("<p>bijlage.pdf, info@gemeente.nl en [klik](javascript:alert(1))</p>");
  });

  it("encodes characters in link targets that could break the attribute", () => {
    const html = content(render('https://example.nl/"onmouseover="x').html);
    expect(html).toContain('href="https://example.nl/%22onmouseover=%22x"');
  });

  it("has no emphasis, bold, strikethrough or code: markers stay text", () => {
    expect(content(render("**vet** _schuin_ *ook* ~~weg~~ `code`").html)).toBe("<p>**vet** _schuin_ *ook* ~~weg~~ `code`</p>");
  });

  it("turns backslash escapes into literal characters", () => {
    expect(content(render("\\# geen kop\n\n\\* geen lijst \\[geen\\](link)").html)).toBe(
      "<p># geen kop</p>\n<p>* geen lijst [geen](link)</p>",
    );
  });
});

describe("plain text", () => {
  it("lays out headings, lists, links and rules readably", () => {
    const { text } = render(
      "# Uw afspraak\n\nOp ((datum)).\n\n* paspoort\n* pasfoto\n\n1. kom\n2. wacht\n\n---\n\nZie [de site](https://gemeente.nl) of https://x.nl",
      {
        datum: "3 maart",
      },
    );
    expect(text).toBe(
      [
        "Uw afspraak\n-----------",
        "Op 3 maart.",
        "• paspoort\n• pasfoto",
        "1. kom\n2. wacht",
        "=".repeat(64),
        "Zie de site: https://gemeente.nl of https://x.nl",
      ].join("\n\n"),
    );
  });

  it("does not HTML-escape", () => {
    expect(render("A & B <c>").text).toBe("A & B <c>");
  });
});

describe("sanitise_content_for", () => {
  it("is needed: without it, markdown in values is rendered (Notify's documented behaviour)", () => {
    const html = content(render("((bericht))", { bericht: "# Kop\n\n[klik](https://evil.example.com)" }).html);
    expect(html).toBe('<h2>Kop</h2>\n<p><a href="https://evil.example.com">klik</a></p>');
  });

  it("escapes markdown and removes URLs in the named values only", () => {
    const email = renderEmail(
      { subject: "Bericht van ((naam))", body: "Van ((naam)): ((bericht))" },
      { naam: "# Jan", Bericht: "[Klik hier](https://evil.example.com/login) of ga naar www.evil.nl\n\n# Kop" },
      { sanitiseContentFor: ["bericht"] },
    );
    expect(email.sanitised).toEqual({
      bericht: {
        unsanitised: "[Klik hier](https://evil.example.com/login) of ga naar www.evil.nl\n\n# Kop",
        sanitised: "\\[Klik hier\\]\\( of ga naar \n\n\\# Kop",
      },
    });
    expect(email.html).not.toContain("<a ");
    expect(email.html).not.toContain("<h2");
    expect(email.html).not.toContain("evil");
    expect(content(email.html)).toContain("[Klik hier]( of ga naar");
    expect(email.subject).toBe("Bericht van # Jan");
    expect(email.body.startsWith("Van # Jan: \\[Klik hier\\]")).toBe(true);
  });

  it("escapes every markdown character", () => {
    expect(sanitiseMarkdown("`*_(){}[]<>#+-.!|\\")).toBe("\\`\\*\\_\\(\\)\\{\\}\\[\\]\\<\\>\\#\\+\\-\\.\\!\\|\\\\");
  });

  it.each([
    ["a URL with a scheme", "zie https://evil.example.com/login?x=1 nu", "zie  nu"],
    ["a www. address, the full stop after it kept", "ga naar www.evil.nl.", "ga naar \\."],
    ["a bare domain (maybe typed by accident)", "bijlage.pdf of example.nl", "bijlage\\. pdf of example\\. nl"],
  ])("%s: %j becomes %j", (_name, value, sanitised) => {
    expect(sanitiseMarkdown(value)).toBe(sanitised);
  });

  it("leaves email addresses and numbers whole", () => {
    expect(sanitiseMarkdown("jan@example.nl 3.5")).toBe("jan@example\\.nl 3\\.5");
  });

  it("sanitises list items one by one and reports lists as JSON", () => {
    const email = renderEmail({ subject: "s", body: "((docs))" }, { docs: ["*a*", "https://b.nl"] }, { sanitiseContentFor: ["docs"] });
    expect(email.body).toBe("\n\n* \\*a\\*"); // the item that was only a URL is gone
    expect(email.sanitised.docs).toEqual({ unsanitised: '["*a*","https://b.nl"]', sanitised: '["\\\\*a\\\\*",""]' });
  });

  it("is empty when nothing is asked or the key has no value", () => {
    expect(renderEmail({ subject: "s", body: "b" }, { a: "x" }, { sanitiseContentFor: null }).sanitised).toEqual({});
    expect(renderEmail({ subject: "s", body: "b" }, { a: "x" }, { sanitiseContentFor: ["b"] }).sanitised).toEqual({});
  });
});

describe("one-click unsubscribe", () => {
  it("adds a rule and an unsubscribe link to HTML and text, not to the API body", () => {
    const email = renderEmail({ subject: "s", body: "Nieuwsbrief" }, {}, { oneClickUnsubscribeUrl: "https://gemeente.nl/afmelden?id=1" });
    expect(email.body).toBe("Nieuwsbrief");
    expect(content(email.html)).toBe(
      `<p>Nieuwsbrief</p>\n<hr>\n<p><a href="https://gemeente.nl/afmelden?id=1">${UNSUBSCRIBE_LINK_TEXT}</a></p>`,
    );
    expect(email.text).toBe(`Nieuwsbrief\n\n${"=".repeat(64)}\n\n${UNSUBSCRIBE_LINK_TEXT}: https://gemeente.nl/afmelden?id=1`);
  });
});
