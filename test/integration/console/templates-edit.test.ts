/**
 * Changing templates in the console (edit-template.tsx, template-versions.tsx,
 * archive-template.ts): a change makes a new version that the history shows field by field and
 * line by line, an unchanged save makes none, refused input stores nothing, and an archived
 * template cannot be changed until it is brought back.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, type Tenant } from "../../support/fixtures";
import { auditRowsOf, get, pageText, post, type SignedInUser, signedIn, templateRow, versionsOf } from "./templates-helpers";

let tenant: Tenant;
let editor: SignedInUser;
const templatePath = (id: string, ...rest: string[]) => [`/diensten/${tenant.serviceId}/sjablonen/${id}`, ...rest].join("/");

beforeAll(async () => {
  tenant = await createTenant({ smsTemplate: { name: "Code", body: "Hallo ((naam)),\nuw code is ((code)).\nGroet" } });
  editor = await signedIn(tenant);
});

let made = 0;

/** A new SMS template named "Herinnering <n>", made through the form. */
async function freshSmsTemplate(): Promise<string> {
  made += 1;
  const created = await post(editor, `/diensten/${tenant.serviceId}/sjablonen/nieuw`, {
    soort: "sms",
    naam: `Herinnering ${made}`,
    tekst: "Regel een\nRegel twee\nRegel drie",
    prioriteit: "normal",
  });
  return /\/sjablonen\/([0-9a-f-]{36})\?/.exec(created.headers.get("location") ?? "")?.[1] ?? "";
}

describe("changing a template in the console", () => {
  it("the history shows the 20 newest versions, the oldest of them still compared with the one before", async () => {
    const id = await freshSmsTemplate();
    for (let version = 2; version <= 22; version++) {
      await post(editor, templatePath(id, "bewerken"), {
        naam: `Herinnering v${version}`,
        tekst: `Tekst ${version}`,
        prioriteit: "normal",
      });
    }
    const html = await (await get(editor, templatePath(id, "versies"))).text();
    expect(html).toContain('id="versie-22"');
    expect(html).toContain('id="versie-3"');
    expect(html).not.toContain('id="versie-2"');
    expect(html).toContain("Hier staan de 20 nieuwste van de 22 versies.");
    const oldestShown = html.slice(html.indexOf('id="versie-3"'));
    expect(oldestShown).toContain("Tekst 2");
  });

  it("the form carries the version it was opened at", async () => {
    const id = await freshSmsTemplate();
    const html = await (await get(editor, templatePath(id, "bewerken"))).text();
    expect(html).toContain('<input type="hidden" name="versie" value="1"/>');
  });

  it("a save from a form opened before a colleague's change is refused, keeps the text, and a second save goes through", async () => {
    const id = await freshSmsTemplate();
    const colleague = await post(editor, templatePath(id, "bewerken"), {
      naam: "Van collega",
      tekst: "Tekst van de collega",
      prioriteit: "normal",
      versie: "1",
    });
    expect(colleague.status).toBe(303);

    const stale = await post(editor, templatePath(id, "bewerken"), {
      naam: "Mijn naam",
      tekst: "Mijn oude tekst",
      prioriteit: "normal",
      versie: "1",
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("Iemand anders heeft dit sjabloon gewijzigd nadat u het opende.");
    expect(html).toContain("Mijn oude tekst</textarea>");
    expect(html).toContain('<input type="hidden" name="versie" value="2"/>');
    expect(await templateRow(id)).toMatchObject({ version: 2, name: "Van collega" });

    const informed = await post(editor, templatePath(id, "bewerken"), {
      naam: "Mijn naam",
      tekst: "Mijn oude tekst",
      prioriteit: "normal",
      versie: "2",
    });
    expect(informed.status).toBe(303);
    expect(await templateRow(id)).toMatchObject({ version: 3, name: "Mijn naam" });
  });

  it("the form is filled in with the template as it is", async () => {
    const response = await get(editor, templatePath(tenant.emailTemplateId, "bewerken"));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('value="Email template"');
    expect(html).toContain('value="Bericht voor ((naam))"');
    expect(html).toContain("Uw aanvraag is ontvangen.\n\nMet vriendelijke groet</textarea>");
    expect(html).toContain('<input type="hidden" name="soort" value="email"/>');
  });

  it("a change makes version 2, audited with the user's email address, and the history shows what changed", async () => {
    const response = await post(editor, templatePath(tenant.smsTemplateId, "bewerken"), {
      naam: "Inlogcode",
      tekst: "Hallo ((naam)),\r\nuw inlogcode is ((code)).\r\nGroet",
      prioriteit: "priority",
      actie: "opslaan",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${templatePath(tenant.smsTemplateId)}?melding=opgeslagen`);
    expect(await templateRow(tenant.smsTemplateId)).toMatchObject({ version: 2, name: "Inlogcode", priority: "priority" });
    const version2 = (await versionsOf(tenant.smsTemplateId)).find((version) => version.version === 2);
    expect(version2?.createdBy).toBe(editor.user.emailAddress);
    const audit = await auditRowsOf(tenant.smsTemplateId, "template.update");
    expect(audit.map((row) => row.actor)).toEqual([editor.user.emailAddress]);

    const history = await get(editor, templatePath(tenant.smsTemplateId, "versies"));
    expect(history.status).toBe(200);
    const text = pageText(await history.text());
    expect(text.indexOf("Versie 2 (huidige versie)")).toBeLessThan(text.indexOf("Versie 1"));
    expect(text).toContain(`Gewijzigd door ${editor.user.emailAddress}`);
    expect(text).toContain("Naam: Code is nu Inlogcode");
    expect(text).toContain("Hoe snel: Normaal is nu Spoed");
    expect(text).toContain("Verwijderd: − uw code is ((code)).");
    expect(text).toContain("Toegevoegd: + uw inlogcode is ((code)).");
    expect(text).not.toContain("Verwijderd: − Hallo ((naam)),");
    expect(text).not.toContain("Onderwerp:");
  });

  it("saving without a change makes no new version and says so", async () => {
    const id = await freshSmsTemplate();
    const response = await post(editor, templatePath(id, "bewerken"), {
      naam: `Herinnering ${made}`,
      tekst: "Regel een\r\nRegel twee\r\nRegel drie",
      prioriteit: "normal",
    });
    expect(response.headers.get("location")).toBe(`${templatePath(id)}?melding=ongewijzigd`);
    expect(await versionsOf(id)).toHaveLength(1);
  });

  it("'Voorbeeld bekijken' and refused input store nothing; the refusal is in Dutch with the values kept", async () => {
    const id = await freshSmsTemplate();
    const preview = await post(editor, templatePath(id, "bewerken"), {
      naam: "Andere naam",
      tekst: "Nieuw",
      prioriteit: "bulk",
      actie: "voorbeeld",
    });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('value="Andere naam"');
    const refused = await post(editor, templatePath(id, "bewerken"), { naam: "Andere naam", tekst: "", prioriteit: "bulk" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Vul de tekst van het bericht in.");
    expect(html).toContain('value="Andere naam"');
    expect(await templateRow(id)).toMatchObject({ version: 1, name: `Herinnering ${made}`, priority: "normal" });
  });

  it("archiving and bringing back answer 303 to the template, each with its audit row", async () => {
    const id = await freshSmsTemplate();
    const archived = await post(editor, templatePath(id, "archiveren"));
    expect(archived.status).toBe(303);
    expect(archived.headers.get("location")).toBe(`${templatePath(id)}?melding=gearchiveerd`);
    expect((await templateRow(id))?.archived).toBe(true);
    const list = pageText(await (await get(editor, `/diensten/${tenant.serviceId}/sjablonen`)).text());
    const archivedList = pageText(await (await get(editor, `/diensten/${tenant.serviceId}/sjablonen?gearchiveerd=ja`)).text());
    expect(list).not.toContain(`Herinnering ${made} `);
    expect(archivedList).toContain(`Herinnering ${made} `);

    const back = await post(editor, templatePath(id, "terugzetten"));
    expect(back.headers.get("location")).toBe(`${templatePath(id)}?melding=teruggezet`);
    expect((await templateRow(id))?.archived).toBe(false);
    expect((await auditRowsOf(id, "template.archive")).map((row) => row.actor)).toEqual([editor.user.emailAddress]);
    expect((await auditRowsOf(id, "template.unarchive")).map((row) => row.actor)).toEqual([editor.user.emailAddress]);
  });

  it("an archived template cannot be changed: the page says so and a post changes nothing", async () => {
    const id = await freshSmsTemplate();
    await post(editor, templatePath(id, "archiveren"));
    const form = await get(editor, templatePath(id, "bewerken"));
    const html = await form.text();
    expect(html).toContain("Een gearchiveerd sjabloon kunt u niet wijzigen.");
    expect(html).not.toContain('name="tekst"');
    expect(html).toContain("Sjabloon terugzetten");
    const page = await (await get(editor, templatePath(id))).text();
    expect(page).not.toContain(templatePath(id, "bewerken"));
    const posted = await post(editor, templatePath(id, "bewerken"), { naam: "Toch wijzigen", tekst: "Nieuw", prioriteit: "normal" });
    expect(posted.status).toBe(409);
    expect(await templateRow(id)).toMatchObject({ version: 1, name: `Herinnering ${made}` });
  });

  it("archiving twice changes nothing the second time", async () => {
    const id = await freshSmsTemplate();
    await post(editor, templatePath(id, "archiveren"));
    const again = await post(editor, templatePath(id, "archiveren"));
    expect(again.status).toBe(303);
    expect(await auditRowsOf(id, "template.archive")).toHaveLength(1);
  });
});
