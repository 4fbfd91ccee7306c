/**
 * Creating templates in the console (src/console/pages/templates/new-template.tsx): through the
 * form with a version and an audit row, the preview button that saves nothing, the Dutch messages
 * for refused input with the values kept, and hostile text shown as text.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, type Tenant } from "../../support/fixtures";
import {
  auditRowsOf,
  get,
  pageText,
  post,
  type SignedInUser,
  signedIn,
  templateIdOf,
  templateRow,
  templatesOf,
  versionsOf,
} from "./templates-helpers";

let tenant: Tenant;
let manager: SignedInUser;
const newPath = () => `/diensten/${tenant.serviceId}/sjablonen/nieuw`;

beforeAll(async () => {
  tenant = await createTenant();
  manager = await signedIn(tenant);
});

describe("creating a template in the console", () => {
  it("the form asks for type, name, subject, text and priority, with both buttons", async () => {
    const response = await get(manager, newPath());
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const label of ["Soort bericht", "Naam van het sjabloon", "Onderwerp", "Tekst van het bericht", "Spoed", "Normaal", "Bulk"]) {
      expect(html).toContain(label);
    }
    expect(html).toContain('name="actie" value="voorbeeld"');
    expect(html).toContain('name="actie" value="opslaan"');
    expect(html).toContain('<script src="/console/template-preview.js" defer=""></script>');
  });

  it("saves an SMS template at version 1 with an audit row naming the user's email address", async () => {
    const response = await post(manager, newPath(), {
      soort: "sms",
      naam: "Afspraak morgen",
      tekst: "Hallo ((naam)), uw afspraak is morgen.",
      prioriteit: "priority",
      actie: "opslaan",
    });
    expect(response.status).toBe(303);
    const id = templateIdOf(response);
    const row = await templateRow(id);
    expect(row).toMatchObject({ serviceId: tenant.serviceId, type: "sms", name: "Afspraak morgen", priority: "priority", version: 1 });
    expect(row?.createdBy).toBe(manager.user.emailAddress);
    const versions = await versionsOf(id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, body: "Hallo ((naam)), uw afspraak is morgen.", createdBy: manager.user.emailAddress });
    const audit = await auditRowsOf(id, "template.create");
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(manager.user.emailAddress);
    const page = await get(manager, response.headers.get("location") ?? "");
    expect(pageText(await page.text())).toContain("Het sjabloon is opgeslagen.");
  });

  it("saves an email template with its subject, the text's line breaks as LF", async () => {
    const response = await post(manager, newPath(), {
      soort: "email",
      naam: "Bevestiging",
      onderwerp: "Uw aanvraag ((nummer))",
      tekst: "Beste ((naam)),\r\n\r\nWe hebben uw aanvraag ontvangen.",
      prioriteit: "normal",
      actie: "opslaan",
    });
    expect(response.status).toBe(303);
    const row = await templateRow(templateIdOf(response));
    expect(row).toMatchObject({
      type: "email",
      subject: "Uw aanvraag ((nummer))",
      body: "Beste ((naam)),\n\nWe hebben uw aanvraag ontvangen.",
    });
  });

  it("'Voorbeeld bekijken' shows the form again with the preview and saves nothing", async () => {
    const before = (await templatesOf(tenant.serviceId)).length;
    const response = await post(manager, newPath(), {
      soort: "sms",
      naam: "Nog niet opslaan",
      tekst: "Uw code is ((code)).",
      prioriteit: "normal",
      actie: "voorbeeld",
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('value="Nog niet opslaan"');
    expect(html).toContain('<mark class="console-placeholder">((code))</mark>');
    expect((await templatesOf(tenant.serviceId)).length).toBe(before);
  });

  it("refuses an empty name and text with Dutch messages at the fields, keeps the values and stores nothing", async () => {
    const before = (await templatesOf(tenant.serviceId)).length;
    const response = await post(manager, newPath(), { soort: "sms", naam: "  ", tekst: " \n ", prioriteit: "bulk", actie: "opslaan" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Er is een probleem");
    expect(html).toContain('<a class="nl-link" href="#veld-naam">Vul een naam in voor het sjabloon.</a>');
    expect(html).toContain("Vul de tekst van het bericht in.");
    expect(html).toMatch(/value="bulk" checked=""/);
    expect(html).toMatch(/value="sms" checked=""/);
    expect((await templatesOf(tenant.serviceId)).length).toBe(before);
  });

  it("refuses an email without a subject and a form without a type", async () => {
    const before = (await templatesOf(tenant.serviceId)).length;
    const email = await post(manager, newPath(), { soort: "email", naam: "Zonder onderwerp", tekst: "Tekst", prioriteit: "normal" });
    expect(email.status).toBe(400);
    const emailHtml = await email.text();
    expect(emailHtml).toContain("Vul een onderwerp in voor de e-mail.");
    expect(emailHtml).toContain('value="Zonder onderwerp"');
    const untyped = await post(manager, newPath(), { naam: "Geen soort", tekst: "Tekst", prioriteit: "normal" });
    expect(untyped.status).toBe(400);
    expect(await untyped.text()).toContain("Kies of het sjabloon voor een sms of een e-mail is.");
    expect((await templatesOf(tenant.serviceId)).length).toBe(before);
  });

  it("refuses an SMS over 918 characters, saying how long it is, and keeps the text", async () => {
    const before = (await templatesOf(tenant.serviceId)).length;
    const text = "a".repeat(919);
    const response = await post(manager, newPath(), { soort: "sms", naam: "Te lang", tekst: text, prioriteit: "normal" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("De sms is te lang. Een sms mag niet langer zijn dan 918 tekens. Uw tekst is 919 tekens.");
    expect(html).toContain(`>${text}</textarea>`);
    expect((await templatesOf(tenant.serviceId)).length).toBe(before);
  });

  it("shows hostile text as text: in the form, on the template page and in the list", async () => {
    const hostile = '<script>alert("x")</script>';
    const preview = await post(manager, newPath(), {
      soort: "email",
      naam: hostile,
      onderwerp: hostile,
      tekst: hostile,
      actie: "voorbeeld",
    });
    const created = await post(manager, newPath(), { soort: "sms", naam: hostile, tekst: `${hostile} ((naam))`, prioriteit: "normal" });
    expect(created.status).toBe(303);
    const pages = [
      await preview.text(),
      await (await get(manager, created.headers.get("location") ?? "")).text(),
      await (await get(manager, `/diensten/${tenant.serviceId}/sjablonen`)).text(),
    ];
    for (const html of pages) {
      expect(html).not.toContain("<script>alert");
      expect(html).toContain("&lt;script&gt;alert");
    }
  });
});
