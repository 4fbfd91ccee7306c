/**
 * In a real browser: a colleague accepts an invitation and sets up the second factor from the
 * page (the secret the QR code holds), signs out and in again with a TOTP code; a wrong code gets
 * the one answer for every wrong input; five wrong attempts lock the account.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "../../../scripts/admin-client.mjs";
import { createConsoleAccount, totpCode } from "../../../scripts/lib/console-account.mjs";
import { startLocalServer } from "../../../scripts/lib/local-server.mjs";
import { seedDemo } from "../../../scripts/seed.mjs";
import { launchBrowser } from "../../support/browser";
import { expectAccessible, mainText, signIn, visit } from "./console-support";

const WRONG = "Het e-mailadres, het wachtwoord of de code klopt niet.";

let server: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;
let demo: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchBrowser();
  demo = await seedDemo(server.url, server.secrets.ADMIN_TOKEN);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("console sign-in in a browser", () => {
  it("an invited colleague sets a password and the authenticator app, and lands on the service", async () => {
    const admin = createAdminClient(server.url, server.secrets.ADMIN_TOKEN);
    const invitation = await admin.request("POST", `/admin/v1/services/${demo.serviceId}/invitations`, {
      email_address: "nieuwe.collega@gemeente-voorbeeld.nl",
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await visit(page, invitation.accept_url, "uitnodiging-accepteren");
    expect(await page.locator("svg[role=img]").count()).toBeGreaterThan(0);
    const secret = ((await page.locator("#totp-geheim").textContent()) ?? "").trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    await page.getByLabel("Uw naam").fill("Nieuwe Collega");
    await page.getByLabel("Kies een wachtwoord").fill("een lang genoeg wachtwoord");
    await page.getByLabel("Code uit uw app").fill(totpCode(secret));
    await page.getByRole("button", { name: /account/i }).click();
    await page.waitForLoadState();

    expect(new URL(page.url()).pathname).toBe(`/diensten/${demo.serviceId}`);
    expect(await page.locator("header").textContent()).toContain("Nieuwe Collega");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe("/inloggen");
    expect(await mainText(page)).toContain("U bent uitgelogd.");
    await context.close();

    const again = await signIn(browser, server.url, {
      emailAddress: "nieuwe.collega@gemeente-voorbeeld.nl",
      password: "een lang genoeg wachtwoord",
      totpSecret: secret,
    });
    expect(new URL(again.page.url()).pathname).toBe("/");
    expect(await mainText(again.page)).toContain("Parkeervergunningen");
    await again.context.close();
  });

  it("a wrong code is refused with the same message as a wrong password, at the field, with the address kept", async () => {
    const account = await createConsoleAccount(server.url, server.secrets.ADMIN_TOKEN, demo.serviceId, {
      emailAddress: "fout.code@gemeente-voorbeeld.nl",
    });
    const { context, page } = await signIn(browser, server.url, { ...account, totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" });
    expect(new URL(page.url()).pathname).toBe("/inloggen");
    expect(await page.getByRole("alert").first().textContent()).toContain(WRONG);
    expect(await page.getByLabel("E-mailadres").inputValue()).toBe(account.emailAddress);
    await expectAccessible(page, "inloggen-fout");
    await context.close();
  });

  it("after five wrong attempts even the right password and code are refused", async () => {
    const account = await createConsoleAccount(server.url, server.secrets.ADMIN_TOKEN, demo.serviceId, {
      emailAddress: "geblokkeerd@gemeente-voorbeeld.nl",
    });
    for (let attempt = 0; attempt < 5; attempt++) {
      const wrong = await signIn(browser, server.url, { ...account, password: "helemaal verkeerd" });
      await wrong.context.close();
    }
    const right = await signIn(browser, server.url, account);
    expect(new URL(right.page.url()).pathname).toBe("/inloggen");
    expect(await right.page.getByRole("alert").first().textContent()).toContain(WRONG);
    await right.context.close();
  });
});
