/**
 * Setting a new password from a reset link (pages/password-reset/reset-password.tsx): the link
 * and the authenticator code are both needed, the change ends every session and works once,
 * refusals change nothing, and expired, used and unknown links get a Dutch page.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../../src/app/build-services";
import { completePasswordReset } from "../../../src/console/accounts/password-reset";
import { currentTotpCode } from "../../../src/console/accounts/totp";
import { type ConsoleUser, consoleFetch, createConsoleUser, signInAs, wrongTotpCode } from "../../support/console-users";
import { createTenant, type Tenant } from "../../support/fixtures";
import { anonymousForm, resetTokenFor } from "../../support/reset-links";

const NEW_PASSWORD = "een heel nieuw wachtwoord";
/** The next TOTP step's code: a step the reset (or an earlier sign-in) has not used yet. */
const nextCode = (user: ConsoleUser) => currentTotpCode(user.totpSecret, Date.now() + 30_000);
const wrongCode = (user: ConsoleUser) => wrongTotpCode(user.totpSecret);

let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
});

const newUser = () => createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions: ["view"] }]);

async function postReset(token: string, fields: { wachtwoord?: string; herhaling?: string; code: string }) {
  const { cookies, csrf } = await anonymousForm();
  const wachtwoord = fields.wachtwoord ?? NEW_PASSWORD;
  return consoleFetch(`/wachtwoord-herstellen/${token}`, {
    cookies,
    form: { _csrf: csrf, wachtwoord, herhaling: fields.herhaling ?? wachtwoord, code: fields.code },
  });
}

async function userRow(id: string) {
  return env.DB.prepare("SELECT * FROM users WHERE id = ?").bind(id).first<Record<string, string | number | null>>();
}

async function actionsOf(userId: string) {
  const rows = await env.DB.prepare("SELECT action FROM audit_log WHERE target_id = ? ORDER BY at, rowid").bind(userId).all();
  return rows.results.map((row) => row.action);
}

describe("setting a new password from a reset link", () => {
  it("shows the form for an open link", async () => {
    const user = await newUser();
    const page = await consoleFetch(`/wachtwoord-herstellen/${await resetTokenFor(user.emailAddress)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain("Nieuw wachtwoord kiezen");
    expect(html).toContain('for="veld-code"');
  });

  it("with the right code changes the password: the old one no longer signs in, the new one does", async () => {
    const user = await newUser();
    const token = await resetTokenFor(user.emailAddress);
    const before = await userRow(user.id);
    const response = await postReset(token, { code: currentTotpCode(user.totpSecret, Date.now()) });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/inloggen?melding=wachtwoord-gewijzigd");

    const after = await userRow(user.id);
    expect(after?.password_hash).not.toBe(before?.password_hash);
    expect(after?.password_changed_at).toBeGreaterThan(0);
    expect(await actionsOf(user.id)).toEqual(["user.password_reset_request", "user.password_reset"]);
    const later = Date.now() + 30_000;
    await expect(signInAs(user, later)).rejects.toThrow("sign-in failed: 400");
    expect(await signInAs({ ...user, password: NEW_PASSWORD }, later)).toHaveLength(1);
  });

  it("ends every session of the user, and the link works once", async () => {
    const user = await newUser();
    const cookies = await signInAs(user);
    expect((await consoleFetch("/", { cookies })).status).toBe(200);
    const token = await resetTokenFor(user.emailAddress);
    expect((await postReset(token, { code: nextCode(user) })).status).toBe(303);

    expect((await consoleFetch("/", { cookies })).status).toBe(303);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM console_sessions WHERE user_id = ?").bind(user.id).first("n")).toBe(0);
    const hash = (await userRow(user.id))?.password_hash;
    const again = await postReset(token, { wachtwoord: "nog een ander wachtwoord", code: nextCode(user) });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("Deze link is al gebruikt");
    expect((await userRow(user.id))?.password_hash).toBe(hash);
  });

  it("two submits at once: one changes the password, the other is told the link was used", async () => {
    const user = await newUser();
    const token = await resetTokenFor(user.emailAddress);
    // Two valid codes of different steps, so only the link can stop the second change; called
    // directly, as two posts to the page run one after the other in the test worker.
    const { db, secrets } = buildServices(env);
    const attempt = (code: string, password: string) =>
      completePasswordReset({ db, secrets }, { token, password, code }, { requestId: "t", at: Date.now() });
    const results = await Promise.all([
      attempt(currentTotpCode(user.totpSecret, Date.now()), NEW_PASSWORD),
      attempt(nextCode(user), "het andere nieuwe wachtwoord"),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, problem: "link", state: "used" }]);
    expect((await actionsOf(user.id)).filter((action) => action === "user.password_reset")).toHaveLength(1);
  });

  it("a successful reset uses up the user's other open links", async () => {
    const user = await newUser();
    const first = await resetTokenFor(user.emailAddress);
    const second = await resetTokenFor(user.emailAddress);
    expect((await postReset(second, { code: currentTotpCode(user.totpSecret, Date.now()) })).status).toBe(303);
    expect((await consoleFetch(`/wachtwoord-herstellen/${first}`)).status).toBe(410);
  });

  it("a wrong code re-shows the form in Dutch and changes nothing", async () => {
    const user = await newUser();
    const token = await resetTokenFor(user.emailAddress);
    const before = await userRow(user.id);
    const response = await postReset(token, { code: wrongCode(user) });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("De code klopt niet.");
    expect((await userRow(user.id))?.password_hash).toBe(before?.password_hash);
    expect((await consoleFetch(`/wachtwoord-herstellen/${token}`)).status).toBe(200);
    expect(await actionsOf(user.id)).toContain("user.password_reset_failed");
  });

  it.each([
    [{ wachtwoord: "te kort" }, "Uw wachtwoord moet minstens 12 tekens lang zijn."],
    [{ wachtwoord: "", herhaling: "" }, "Kies een nieuw wachtwoord."],
    [{ wachtwoord: NEW_PASSWORD, herhaling: "iets anders dan dat" }, "De twee wachtwoorden zijn niet hetzelfde."],
  ])("refuses %j in Dutch and changes nothing", async (fields, message) => {
    const user = await newUser();
    const token = await resetTokenFor(user.emailAddress);
    const before = await userRow(user.id);
    const response = await postReset(token, { ...fields, code: currentTotpCode(user.totpSecret, Date.now()) });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).toContain("Er is een probleem");
    expect(await userRow(user.id)).toEqual(before);
  });

  it("five wrong codes lock the account and end the link; a new link still works and lifts the lock", async () => {
    const user = await newUser();
    const token = await resetTokenFor(user.emailAddress);
    for (let attempt = 1; attempt < 5; attempt++) expect((await postReset(token, { code: wrongCode(user) })).status).toBe(400);
    const fifth = await postReset(token, { code: wrongCode(user) });
    expect(fifth.status).toBe(410);
    expect(await fifth.text()).toContain("Deze link werkt niet meer");
    expect((await consoleFetch(`/wachtwoord-herstellen/${token}`)).status).toBe(410);
    expect((await userRow(user.id))?.locked_until).toBeGreaterThan(Date.now());

    const fresh = await resetTokenFor(user.emailAddress);
    expect((await postReset(fresh, { code: currentTotpCode(user.totpSecret, Date.now()) })).status).toBe(303);
    expect(await userRow(user.id)).toMatchObject({ locked_until: null, failed_sign_ins: 0 });
  });

  it("refuses an expired link with a Dutch page, changing nothing", async () => {
    const user = await newUser();
    const token = await resetTokenFor(user.emailAddress, Date.now() - 61 * 60_000);
    const page = await consoleFetch(`/wachtwoord-herstellen/${token}`);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain("Deze link is verlopen");
    expect(html).toContain('href="/wachtwoord-vergeten"');
    const before = await userRow(user.id);
    expect((await postReset(token, { code: currentTotpCode(user.totpSecret, Date.now()) })).status).toBe(410);
    expect(await userRow(user.id)).toEqual(before);
  });

  it("an unknown or malformed link is a 404 with a Dutch page", async () => {
    const unknown = await consoleFetch(`/wachtwoord-herstellen/${"a".repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Deze link werkt niet");
    expect((await consoleFetch("/wachtwoord-herstellen/kort")).status).toBe(404);
  });
});
