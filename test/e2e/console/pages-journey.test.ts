/**
 * In a real browser, signed in as a team member with every permission: every console page of a
 * service, each checked with axe-core (WCAG 2.1 A and AA, 0 violations), doing what each page is
 * for: a template made with the live preview and then changed, its versions, a colleague invited,
 * an API key made (shown once) and revoked, a trial recipient added. Screenshots for docs/.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsoleAccount } from "../../../scripts/lib/console-account.mjs";
import { startLocalServer } from "../../../scripts/lib/local-server.mjs";
import { seedDemo } from "../../../scripts/seed.mjs";
import { launchBrowser } from "../../support/browser";
import { expectAccessible, mainText, signIn, visit } from "./console-support";

let server: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let service = "";

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchBrowser();
  const demo = await seedDemo(server.url, server.secrets.ADMIN_TOKEN);
  const account = await createConsoleAccount(server.url, server.secrets.ADMIN_TOKEN, demo.serviceId, {
    emailAddress: "beheerder@gemeente-voorbeeld.nl",
    name: "Bea Beheerder",
  });
  ({ context, page } = await signIn(browser, server.url, account));
  service = `${server.url}/diensten/${demo.serviceId}`;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the console's pages in a browser", () => {
  it("the list of services and the dashboard", async () => {
    await visit(page, `${server.url}/`, "diensten");
    await page.getByRole("link", { name: "Parkeervergunningen" }).click();
    await page.waitForLoadState();
    await expectAccessible(page, "dashboard");
    const text = await mainText(page);
    expect(text).toContain("Berichten per dag");
    expect(await page.locator("main svg[role=img]").count()).toBeGreaterThan(0);
    expect(await page.locator("main table").count()).toBeGreaterThan(0);
  });

  it("a new SMS template with the live preview, saved, then changed, with its versions", async () => {
    await visit(page, `${service}/sjablonen`, "sjablonen");
    await page.getByRole("link", { name: "Nieuw sjabloon" }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    await page.getByLabel("Sms", { exact: true }).check();
    await page.getByLabel("Naam van het sjabloon").fill("Afspraakherinnering");
    await page.getByLabel("Tekst van het bericht").fill("Beste ((naam)), u hebt morgen om ((tijd)) een afspraak op het stadskantoor. 🙂");
    // The script posts the form after a pause in typing and swaps in the new preview.
    await page.locator("#voorbeeld").getByText("Unicode", { exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.locator("#voorbeeld").textContent()).toContain("((naam))");
    await expectAccessible(page, "sjabloon-nieuw");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.waitForLoadState();
    await expectAccessible(page, "sjabloon");
    expect(await mainText(page)).toContain("Afspraakherinnering");
    // The fields a sender fills in, as the list shows them (not the body, which contains them too).
    expect(await page.locator("main li code").allTextContents()).toEqual(["naam", "tijd"]);

    await page
      .getByRole("link", { name: /bewerken|wijzigen/i })
      .first()
      .click();
    await page.waitForLoadState();
    await expectAccessible(page);
    await page.getByLabel("Tekst van het bericht").fill("Beste ((naam)), uw afspraak is morgen om ((tijd)).");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.waitForLoadState();
    await page
      .getByRole("link", { name: /versies/i })
      .first()
      .click();
    await page.waitForLoadState();
    await expectAccessible(page, "sjabloon-versies");
    const versions = await mainText(page);
    expect(versions).toContain("Versie 2");
    expect(versions).toContain("uw afspraak is morgen");
  });

  it("an email template's preview shows the email as it will arrive", async () => {
    await visit(page, `${service}/sjablonen/nieuw`);
    await page.getByLabel("E-mail", { exact: true }).check();
    await page.getByLabel("Naam van het sjabloon").fill("Bevestiging aanvraag");
    await page.getByLabel("Onderwerp").fill("Uw aanvraag ((nummer))");
    await page
      .getByLabel("Tekst van het bericht")
      .fill("# Ontvangen\n\nBeste ((naam)),\n\n* We bekijken uw aanvraag.\n* U hoort binnen 2 weken van ons.");
    await page.getByRole("button", { name: "Voorbeeld bekijken" }).click();
    await page.waitForLoadState();
    const frame = page.frameLocator("#voorbeeld iframe");
    await frame.getByText("We bekijken uw aanvraag.").waitFor({ timeout: 10_000 });
    await expectAccessible(page, "sjabloon-email-voorbeeld");
  });

  it("the team: invite a colleague with chosen permissions", async () => {
    await visit(page, `${service}/team`, "team");
    await page
      .getByRole("link", { name: /uitnodigen/i })
      .first()
      .click();
    await page.waitForLoadState();
    await expectAccessible(page, "team-uitnodigen");
    await page.getByLabel("E-mailadres").fill("collega@gemeente-voorbeeld.nl");
    await page.getByLabel("Berichten versturen").check();
    await page.getByRole("button", { name: /uitnodig/i }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    expect(await mainText(page)).toContain("collega@gemeente-voorbeeld.nl");
  });

  it("API keys: a new key is shown once, then revoked", async () => {
    await visit(page, `${service}/api-sleutels`, "api-sleutels");
    await page
      .getByRole("link", { name: /nieuwe sleutel|sleutel maken/i })
      .first()
      .click();
    await page.waitForLoadState();
    await page.getByLabel("Naam van de sleutel").fill("Zaaksysteem");
    await page.getByLabel("Live").check();
    await page.getByRole("button", { name: "Sleutel maken" }).click();
    await page.waitForLoadState();
    await expectAccessible(page, "api-sleutel-gemaakt");
    expect(await mainText(page)).toMatch(/zaaksysteem-[0-9a-f-]{36}-[0-9a-f-]{36}/);

    await visit(page, `${service}/api-sleutels`);
    await page
      .getByRole("link", { name: /intrekken/i })
      .first()
      .click();
    await page.waitForLoadState();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Ja, sleutel intrekken" }).click();
    await page.waitForLoadState();
    expect(await mainText(page)).toContain("Ingetrokken");
  });

  it("trial recipients: add a phone number", async () => {
    await visit(page, `${service}/proefontvangers`, "proefontvangers");
    await page.getByLabel("E-mailadres of mobiel nummer").fill("06 12345678");
    await page.getByRole("button", { name: "Toevoegen" }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    expect(await mainText(page)).toContain("+31612345678");
  });

  it("the account page, and the anonymous password pages", async () => {
    await visit(page, `${server.url}/account`, "account");
    const anonymous = await browser.newPage();
    await visit(anonymous, `${server.url}/inloggen`, "inloggen");
    await visit(anonymous, `${server.url}/wachtwoord-vergeten`, "wachtwoord-vergeten");
    await anonymous.getByLabel("E-mailadres").fill("iemand@gemeente-voorbeeld.nl");
    await anonymous.getByRole("button", { name: "Stuur mij een link" }).click();
    await anonymous.waitForLoadState();
    await expectAccessible(anonymous);
    await visit(anonymous, `${server.url}/bestaat-niet`);
    await anonymous.close();
  });

  it("without JavaScript the preview button shows the same preview", async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
    const plain = await noScript.newPage();
    // No axe here: it needs JavaScript; the same page was checked with it above.
    await plain.goto(`${service}/sjablonen/nieuw`);
    await plain.getByLabel("Sms", { exact: true }).check();
    await plain.getByLabel("Naam van het sjabloon").fill("Zonder script");
    await plain.getByLabel("Tekst van het bericht").fill("x".repeat(161));
    await plain.getByRole("button", { name: "Voorbeeld bekijken" }).click();
    await plain.waitForLoadState();
    expect(await plain.locator("#voorbeeld").textContent()).toContain("2");
    expect(await plain.locator("#voorbeeld").textContent()).toContain("Standaardtekens");
    await noScript.close();
  });
});
