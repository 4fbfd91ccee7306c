/**
 * In a real browser, each permission: a member with only "view" sees the service but no way to
 * change it, and the pages that change things answer 403; a member of another organisation gets
 * 404 for every URL of this organisation's service, even knowing its ids.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsoleAccount } from "../../../scripts/lib/console-account.mjs";
import { startLocalServer } from "../../../scripts/lib/local-server.mjs";
import { seedDemo } from "../../../scripts/seed.mjs";
import { launchBrowser } from "../../support/browser";
import { expectAccessible, mainText, signIn } from "./console-support";

let server: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;
let demo: Awaited<ReturnType<typeof seedDemo>>;
let viewer: Page;
let outsider: Page;

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchBrowser();
  const token = server.secrets.ADMIN_TOKEN;
  demo = await seedDemo(server.url, token);
  const other = await seedDemo(server.url, token, { organisationName: "Gemeente Elders", serviceName: "Afvalkalender" });
  const viewAccount = await createConsoleAccount(server.url, token, demo.serviceId, {
    emailAddress: "kijker@gemeente-voorbeeld.nl",
    permissions: ["view"],
  });
  const otherAccount = await createConsoleAccount(server.url, token, other.serviceId, { emailAddress: "iemand@gemeente-elders.nl" });
  viewer = (await signIn(browser, server.url, viewAccount)).page;
  outsider = (await signIn(browser, server.url, otherAccount)).page;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const CHANGING_PAGES = ["/sjablonen/nieuw", "/api-sleutels", "/api-sleutels/nieuw", "/team/uitnodigen", "/proefontvangers"];

describe("permissions in a browser", () => {
  it("a view-only member sees the dashboard and templates but no links to change them", async () => {
    await viewer.goto(`${server.url}/diensten/${demo.serviceId}/sjablonen`);
    await expectAccessible(viewer);
    expect(await mainText(viewer)).toContain("Parkeervergunning verlengd");
    expect(await viewer.getByRole("link", { name: "Nieuw sjabloon" }).count()).toBe(0);
    expect(await viewer.getByRole("link", { name: "API-sleutels" }).count()).toBe(0);
  });

  it.each(CHANGING_PAGES)("a view-only member gets the Dutch 403 page for %s", async (path) => {
    const response = await viewer.goto(`${server.url}/diensten/${demo.serviceId}${path}`);
    expect(response?.status()).toBe(403);
    expect(await mainText(viewer)).toContain("U hebt geen toestemming");
  });

  it("a view-only member cannot change a template by posting the form either", async () => {
    await viewer.goto(`${server.url}/diensten/${demo.serviceId}/sjablonen/${demo.smsTemplateId}`);
    const csrf = await viewer.locator("input[name=_csrf]").first().inputValue();
    const response = await viewer.request.post(`${server.url}/diensten/${demo.serviceId}/sjablonen/${demo.smsTemplateId}/archiveren`, {
      form: { _csrf: csrf },
      headers: { origin: server.url },
      maxRedirects: 0,
    });
    const status = response.status();
    expect(status).toBe(403);
  });

  it.each(["", "/sjablonen", `/sjablonen/TEMPLATE`, "/team", "/api-sleutels"])(
    "another organisation's member gets 404 for the service's page %s",
    async (path) => {
      const response = await outsider.goto(`${server.url}/diensten/${demo.serviceId}${path.replace("TEMPLATE", demo.smsTemplateId)}`);
      expect(response?.status()).toBe(404);
      expect(await mainText(outsider)).toContain("Pagina niet gevonden");
      expect(await mainText(outsider)).not.toContain("Parkeervergunning");
    },
  );
});
