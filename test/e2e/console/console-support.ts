/**
 * What the console's browser tests share: one local server with the demo tenant, Chromium, and
 * steps a person takes (sign in with a TOTP code, open a page and check it with axe-core).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { totpCode } from "../../../scripts/lib/console-account.mjs";
import { accessibilityViolations, screenshot } from "../../support/browser";

export interface Account {
  emailAddress: string;
  password: string;
  totpSecret: string;
}

/** Opens `path` and expects a page without WCAG 2.1 A/AA violations; `name` also saves a screenshot (UPDATE_SCREENSHOTS=1). */
export async function visit(page: Page, url: string, name?: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `GET ${url}`).toBeLessThan(500);
  await expectAccessible(page, name);
}

export async function expectAccessible(page: Page, name?: string): Promise<void> {
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
  if (name) await screenshot(page, name);
}

/**
 * Signs in through the form. The account was just made with the current step's code, and a code
 * works once, so this uses the next step's code, which the server accepts (one step of drift).
 */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  account: Account,
  offsetSteps = 1,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel("E-mailadres").fill(account.emailAddress);
  await page.getByLabel("Wachtwoord").fill(account.password);
  await page.getByLabel("Code uit uw app").fill(totpCode(account.totpSecret, offsetSteps));
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForLoadState();
  return { context, page };
}

/** The text of the page's main content. */
export async function mainText(page: Page): Promise<string> {
  return (await page.locator("main").textContent()) ?? "";
}
