/**
 * The template previews (src/console/templates/, pages/templates/template-preview.tsx): an SMS's
 * length, text messages and character set as src/notifications/render/sms.ts counts them; an
 * email in a sandboxed frame; the live-preview fragment; the fields a sender fills in.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, type Tenant } from "../../support/fixtures";
import { get, pageText, post, type SignedInUser, signedIn, templatesOf } from "./templates-helpers";

let tenant: Tenant;
let manager: SignedInUser;
const base = () => `/diensten/${tenant.serviceId}/sjablonen`;

beforeAll(async () => {
  tenant = await createTenant();
  manager = await signedIn(tenant);
});

async function smsPreviewText(tekst: string): Promise<string> {
  const response = await post(manager, `${base()}/nieuw`, {
    soort: "sms",
    naam: "Voorbeeld",
    tekst,
    prioriteit: "normal",
    actie: "voorbeeld",
  });
  expect(response.status).toBe(200);
  return pageText(await response.text());
}

describe("template previews", () => {
  it("160 standard characters are 1 text message, 161 are 2", async () => {
    const one = await smsPreviewText("a".repeat(160));
    expect(one).toContain("Aantal tekens 160 Aantal sms-berichten 1 Tekenset Standaardtekens (GSM-7)");
    const two = await smsPreviewText("a".repeat(161));
    expect(two).toContain("Aantal tekens 161 Aantal sms-berichten 2 Tekenset Standaardtekens (GSM-7)");
  });

  it("an emoji makes the message Unicode, names the character and explains the shorter fragments", async () => {
    const text = await smsPreviewText(`${"a".repeat(69)}🙂`);
    // 🙂 is two UTF-16 units: 71 units are over the 70 of one Unicode text message.
    expect(text).toContain("Aantal tekens 71 Aantal sms-berichten 2 Tekenset Unicode");
    expect(text).toContain("tekens die niet bij de standaardtekens horen: 🙂");
    expect(text).toContain("70 tekens in plaats van 160");
  });

  it("shows the SMS as it will be sent, unfilled placeholders marked", async () => {
    const response = await post(manager, `${base()}/nieuw`, {
      soort: "sms",
      tekst: "Hallo  ((naam)) ,\n\n\n\nuw code is ((code)).",
      actie: "voorbeeld",
    });
    const html = await response.text();
    expect(html).toContain(
      '<p class="console-sms-bubble">Hallo <mark class="console-placeholder">((naam))</mark>,\n\nuw code is <mark class="console-placeholder">((code))</mark>.</p>',
    );
  });

  it("shows an email's subject and the email itself in a sandboxed frame, with inline styles allowed", async () => {
    const response = await post(manager, `${base()}/nieuw`, {
      soort: "email",
      onderwerp: "Uw afspraak op ((datum))",
      tekst: "# Afspraak\n\nBeste ((naam)), tot dan.",
      actie: "voorbeeld",
    });
    expect(response.headers.get("content-security-policy")).toContain("style-src 'self' 'unsafe-inline'");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self';");
    const html = await response.text();
    expect(html).toContain('Uw afspraak op <mark class="console-placeholder">((datum))</mark>');
    expect(html).toMatch(/<iframe sandbox="" title="Voorbeeld van de e-mail" srcdoc="&lt;!DOCTYPE html&gt;[^"]*&lt;h2 style=/);
    // In the email itself, not only in the form's textarea.
    expect(/srcdoc="([^"]*)"/.exec(html)?.[1]).toContain("Beste ((naam)), tot dan.");
  });

  it("the live preview answers the preview region alone and saves nothing", async () => {
    const before = (await templatesOf(tenant.serviceId)).length;
    const response = await post(manager, `${base()}/voorbeeld`, { soort: "sms", naam: "Live", tekst: "Hoi ((naam)) <b>vet</b>" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/^<!DOCTYPE html><div id="voorbeeld" class="console-preview" aria-live="polite">/);
    expect(html).not.toContain("<main");
    expect(html).toContain('Hoi <mark class="console-placeholder">((naam))</mark> &lt;b&gt;vet&lt;/b&gt;');
    expect((await templatesOf(tenant.serviceId)).length).toBe(before);
  });

  it("the form's preview region says where the live preview posts to", async () => {
    const html = await (await get(manager, `${base()}/nieuw`)).text();
    expect(html).toContain(`<div id="voorbeeld" class="console-preview" aria-live="polite" data-voorbeeld-url="${base()}/voorbeeld">`);
  });

  it("the template page lists the fields a sender fills in, from subject and body, each once", async () => {
    const html = await (await get(manager, `${base()}/${tenant.emailTemplateId}`)).text();
    const text = pageText(html);
    expect(text).toContain("Gegevens die de afzender invult");
    expect(html.match(/<code>naam<\/code>/g)).toHaveLength(1);
    const sms = pageText(await (await get(manager, `${base()}/${tenant.smsTemplateId}`)).text());
    expect(sms).toMatch(/personalisation in de API\): naam code /);
  });
});
