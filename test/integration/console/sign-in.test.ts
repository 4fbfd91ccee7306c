/**
 * Console sign-in (src/console/accounts/sign-in.ts, pages/sign-in/): email, password and TOTP
 * code on one form, one answer for every wrong input, lock-out, CSRF, and sessions.
 */
import { describe, expect, it } from "vitest";
import { currentTotpCode } from "../../../src/console/accounts/totp";
import { safeReturnPath } from "../../../src/console/pages/sign-in/sign-in";
import { consoleFetch, cookiesOf, createConsoleUser, csrfOf, signInAs, wrongTotpCode } from "../../support/console-users";
import { createTenant } from "../../support/fixtures";

const FAILED = "Het e-mailadres, het wachtwoord of de code klopt niet.";

async function tenantUser() {
  const tenant = await createTenant();
  const user = await createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions: ["view"] }]);
  return { tenant, user };
}

async function postSignIn(fields: Record<string, string>) {
  const page = await consoleFetch("/inloggen");
  return consoleFetch("/inloggen", { cookies: cookiesOf(page), form: { _csrf: csrfOf(await page.text()), ...fields } });
}

describe("console sign-in", () => {
  it("a browser at / without a session is sent to the sign-in page", async () => {
    const response = await consoleFetch("/");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/inloggen");
  });

  it("the sign-in page is Dutch HTML with a strict Content-Security-Policy", async () => {
    const response = await consoleFetch("/inloggen");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain("Inloggen bij NotifyNL");
  });

  it("signs in with the right password and code and shows the user's services", async () => {
    const { tenant, user } = await tenantUser();
    const cookies = await signInAs(user);
    const home = await consoleFetch("/", { cookies });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(String(tenant.service.name));
  });

  it("a wrong password, a wrong code and an unknown address get the same answer", async () => {
    const { user } = await tenantUser();
    const code = currentTotpCode(user.totpSecret, Date.now());
    const answers = await Promise.all([
      postSignIn({ email: user.emailAddress, wachtwoord: "wrong password!!", code }),
      postSignIn({ email: user.emailAddress, wachtwoord: user.password, code: wrongTotpCode(user.totpSecret) }),
      postSignIn({ email: "niemand@gemeente.example", wachtwoord: user.password, code }),
    ]);
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    for (const [index, answer] of answers.entries()) {
      expect(answer.status).toBe(400);
      expect(bodies[index]).toContain(FAILED);
    }
  });

  it("locks the account after five wrong attempts, even for the right password and code", async () => {
    const { user } = await tenantUser();
    for (let attempt = 0; attempt < 5; attempt++) {
      await postSignIn({ email: user.emailAddress, wachtwoord: "wrong password!!", code: "123456" });
    }
    const right = await postSignIn({
      email: user.emailAddress,
      wachtwoord: user.password,
      code: currentTotpCode(user.totpSecret, Date.now()),
    });
    expect(right.status).toBe(400);
    expect(await right.text()).toContain(FAILED);
  });

  it("refuses a post without the form token, and one from another site", async () => {
    const { user } = await tenantUser();
    const fields = { email: user.emailAddress, wachtwoord: user.password, code: currentTotpCode(user.totpSecret, Date.now()) };
    const noToken = await consoleFetch("/inloggen", { form: fields });
    expect(noToken.status).toBe(403);
    const page = await consoleFetch("/inloggen");
    const crossSite = await (await import("cloudflare:workers")).exports.default.fetch(
      new Request("http://notifynl.test/inloggen", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "sec-fetch-site": "cross-site",
          cookie: cookiesOf(page).join("; "),
        },
        body: new URLSearchParams({ _csrf: csrfOf(await page.text()), ...fields }).toString(),
        redirect: "manual",
      }),
    );
    expect(crossSite.status).toBe(403);
  });

  it("signing out ends the session", async () => {
    const { user } = await tenantUser();
    const cookies = await signInAs(user);
    const home = await consoleFetch("/", { cookies });
    const out = await consoleFetch("/uitloggen", { cookies, form: { _csrf: csrfOf(await home.text()) } });
    expect(out.status).toBe(303);
    expect((await consoleFetch("/", { cookies })).status).toBe(303);
  });

  it("a path that is not a page gets the Dutch 404 page; an API path keeps its JSON 404", async () => {
    const page = await consoleFetch("/bestaat-niet");
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("Pagina niet gevonden");
    const api = await consoleFetch("/v2/bestaat-niet");
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toContain("application/json");
  });

  it.each([
    ["/diensten/abc/sjablonen?gearchiveerd=ja", "/diensten/abc/sjablonen?gearchiveerd=ja"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["https://evil.example/", "/"],
    ["diensten", "/"],
    ["", "/"],
  ])("the return path %j after sign-in becomes %j", (terug, expected) => {
    expect(safeReturnPath(terug)).toBe(expected);
  });

  it("a signed-in user sent to /inloggen with a return path to another host stays on this site", async () => {
    const { user } = await tenantUser();
    const cookies = await signInAs(user);
    const response = await consoleFetch(`/inloggen?terug=${encodeURIComponent("/\t/evil.example")}`, { cookies });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
  });
});
