/**
 * Accepting an invitation at /uitnodiging/:token (src/console/accounts/accept-invitation.ts,
 * pages/invitation/): a new account with name, password and a confirmed TOTP code, signed in at
 * once; a wrong code stores nothing; closed links get a Dutch page; a double submit makes one
 * account; someone with an account in the organisation signs in and joins the team.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildServices } from "../../../src/app/build-services";
import { acceptAsNewAccount, invitationForToken } from "../../../src/console/accounts/accept-invitation";
import { INVITATION_VALID_MS } from "../../../src/console/accounts/invitations";
import { currentTotpCode } from "../../../src/console/accounts/totp";
import { invite, openInvitation, postNewAccount, rows, serviceInOrganisation } from "../../support/console-invitations";
import { consoleFetch, cookiesOf, createConsoleUser, csrfOf, signInAs } from "../../support/console-users";
import { createTenant } from "../../support/fixtures";

const address = () => `nieuw-${crypto.randomUUID().slice(0, 8)}@gemeente.example`;

async function tenantService() {
  const tenant = await createTenant();
  return { tenant, service: { id: tenant.serviceId, organisationId: tenant.organisationId, name: String(tenant.service.name) } };
}

const usersWith = (email: string) => rows("SELECT * FROM users WHERE email_address = ?", email);

describe("the invitation page for a new account", () => {
  it("shows the form with a QR code drawn as SVG, the key as text and the steps in Dutch", async () => {
    const { service } = await tenantService();
    const { token } = await invite(service, address());
    const opened = await openInvitation(token);
    expect(opened.response.status).toBe(200);
    expect(opened.html).toContain(`Maak uw account voor ${service.name}`);
    expect(opened.html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="QR-code/);
    expect(opened.html).toContain("<rect");
    expect(opened.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(opened.html).toContain('class="console-secret" id="totp-geheim"');
    expect(opened.html).toContain("Installeer een app voor inloggen");
    for (const label of ["Uw naam", "Kies een wachtwoord", "Code uit uw app"]) expect(opened.html).toContain(label);
  });

  it("offers the same secret on a reload, and stores it only encrypted", async () => {
    const { service } = await tenantService();
    const { token, invitation } = await invite(service, address());
    const first = await openInvitation(token);
    const second = await openInvitation(token);
    expect(second.secret).toBe(first.secret);
    const [row] = await rows<{ pending_totp_secret_encrypted: string }>(
      "SELECT pending_totp_secret_encrypted FROM invitations WHERE id = ?",
      invitation.id,
    );
    expect(row?.pending_totp_secret_encrypted).toBeTruthy();
    expect(row?.pending_totp_secret_encrypted).not.toContain(first.secret);
  });

  it("with the right code makes the account and the membership, audits it and signs in", async () => {
    const { service } = await tenantService();
    const email = address();
    const { token, invitation } = await invite(service, email, ["view", "send"]);
    const opened = await openInvitation(token);
    const response = await postNewAccount(opened, token, { naam: "Amala Jansen" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/diensten/${service.id}`);

    const [user] = await usersWith(email);
    expect(user).toMatchObject({ name: "Amala Jansen", organisation_id: service.organisationId, removed_at: null });
    expect(String(user?.password_hash)).toMatch(/^pbkdf2-sha256\$/);
    const memberships = await rows("SELECT permissions FROM service_users WHERE user_id = ?", user?.id);
    expect(memberships).toEqual([{ permissions: JSON.stringify(["view", "send"]) }]);
    const [accepted] = await rows("SELECT accepted_at, pending_totp_secret_encrypted FROM invitations WHERE id = ?", invitation.id);
    expect(accepted?.accepted_at).toBeGreaterThan(0);
    expect(accepted?.pending_totp_secret_encrypted).toBeNull();
    const audit = await rows("SELECT actor, details FROM audit_log WHERE action = 'user.invitation_accept' AND target_id = ?", user?.id);
    expect(audit).toHaveLength(1);

    const session = cookiesOf(response).filter((cookie) => cookie.startsWith("nnl-sessie="));
    const team = await consoleFetch(`/diensten/${service.id}/team`, { cookies: session });
    expect(team.status).toBe(200);
    expect(await team.text()).toContain("Amala Jansen");
  });

  it("with a wrong code shows the form again with a Dutch message and makes nothing", async () => {
    const { service } = await tenantService();
    const email = address();
    const { token, invitation } = await invite(service, email);
    const opened = await openInvitation(token);
    const right = currentTotpCode(opened.secret, Date.now());
    const response = await postNewAccount(opened, token, { naam: "Piet", code: right === "123456" ? "654321" : "123456" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("De code klopt niet.");
    expect(html).toContain('value="Piet"');
    expect(html).toContain(opened.secret);
    expect(await usersWith(email)).toEqual([]);
    const [row] = await rows("SELECT accepted_at FROM invitations WHERE id = ?", invitation.id);
    expect(row?.accepted_at).toBeNull();
  });

  it("refuses a short password and an empty name in Dutch and makes nothing", async () => {
    const { service } = await tenantService();
    const email = address();
    const { token } = await invite(service, email);
    const opened = await openInvitation(token);
    const response = await postNewAccount(opened, token, { naam: "", wachtwoord: "kort" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Vul uw naam in.");
    expect(html).toContain("Kies een wachtwoord van minstens 12 tekens.");
    expect(await usersWith(email)).toEqual([]);
  });

  it("a double submit makes one account; the second answer says the invitation was used", async () => {
    const { service } = await tenantService();
    const email = address();
    const { token } = await invite(service, email);
    const opened = await openInvitation(token);
    const answers = await Promise.all([postNewAccount(opened, token), postNewAccount(opened, token)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 410]);
    expect(await usersWith(email)).toHaveLength(1);
    const [user] = await usersWith(email);
    expect(await rows("SELECT * FROM service_users WHERE user_id = ?", user?.id)).toHaveLength(1);
    expect(await rows("SELECT * FROM audit_log WHERE action = 'user.invitation_accept' AND target_id = ?", user?.id)).toHaveLength(1);
  });
});

describe("two acceptances that both passed the page's checks", () => {
  it("make one account: the batch's guard, not the page's pre-check, decides", async () => {
    const { service } = await tenantService();
    const email = address();
    const { token } = await invite(service, email);
    const opened = await openInvitation(token);
    const { db, secrets } = buildServices(env);
    const state = await invitationForToken(db, token, Date.now());
    if (state.kind !== "new_account") throw new Error(`unexpected ${state.kind}`);
    const input = { name: "Twee Tabbladen", password: "een lange zin als wachtwoord", code: currentTotpCode(opened.secret, Date.now()) };
    const results = await Promise.all(
      [1, 2].map(() => acceptAsNewAccount({ db, secrets }, state, input, { requestId: "test", at: Date.now() })),
    );
    expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
    expect(await usersWith(email)).toHaveLength(1);
    const [user] = await usersWith(email);
    expect(await rows("SELECT * FROM service_users WHERE user_id = ?", user?.id)).toHaveLength(1);
    expect(await rows("SELECT * FROM audit_log WHERE action = 'user.invitation_accept' AND target_id = ?", user?.id)).toHaveLength(1);
  });
});

describe("invitation links that cannot be used", () => {
  it("an invitation for an address with an account in another organisation is a 410 page and makes nothing", async () => {
    const { service } = await tenantService();
    const other = await createTenant();
    const outsider = await createConsoleUser(other.organisationId, [{ serviceId: other.serviceId, permissions: ["view"] }]);
    const { token } = await invite(service, outsider.emailAddress);
    const response = await consoleFetch(`/uitnodiging/${token}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("Deze uitnodiging kan niet worden gebruikt");
    expect(await rows("SELECT * FROM service_users WHERE user_id = ? AND service_id = ?", outsider.id, service.id)).toEqual([]);
  });

  it("an unknown token is a Dutch 404 page", async () => {
    const response = await consoleFetch(`/uitnodiging/${"A".repeat(43)}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Deze uitnodiging bestaat niet");
  });

  it("an expired invitation is a 410 page that says to ask for a new one", async () => {
    const { service } = await tenantService();
    const { token } = await invite(service, address(), ["view"], { at: Date.now() - INVITATION_VALID_MS - 1000 });
    const response = await consoleFetch(`/uitnodiging/${token}`);
    expect(response.status).toBe(410);
    const html = await response.text();
    expect(html).toContain("Deze uitnodiging is verlopen");
    expect(html).toContain("opnieuw uit te nodigen");
  });

  it("a used invitation is a 410 page with a link to sign in, and cannot make a second account", async () => {
    const { service } = await tenantService();
    const email = address();
    const { token } = await invite(service, email);
    const opened = await openInvitation(token);
    expect((await postNewAccount(opened, token)).status).toBe(303);
    const again = await consoleFetch(`/uitnodiging/${token}`);
    expect(again.status).toBe(410);
    const html = await again.text();
    expect(html).toContain("Deze uitnodiging is al gebruikt");
    expect(html).toContain('href="/inloggen"');
    expect((await postNewAccount(opened, token, { naam: "Tweede" })).status).toBe(410);
    expect(await usersWith(email)).toHaveLength(1);
  });
});

describe("an invitation for someone with an account in the organisation", () => {
  it("sends them to sign in first, then adds the membership with one button", async () => {
    const { tenant, service } = await tenantService();
    const user = await createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions: ["view"] }]);
    const second = await serviceInOrganisation(tenant.organisationId);
    const { token, invitation } = await invite(second, user.emailAddress, ["view", "manage_templates"]);

    const anonymous = await consoleFetch(`/uitnodiging/${token}`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe(`/inloggen?terug=${encodeURIComponent(`/uitnodiging/${token}`)}`);

    const cookies = await signInAs(user);
    const page = await consoleFetch(`/uitnodiging/${token}`, { cookies });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Uitnodiging voor ${second.name}`);
    const accepted = await consoleFetch(`/uitnodiging/${token}`, { cookies, form: { _csrf: csrfOf(html) } });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe(`/diensten/${second.id}`);
    expect(await rows("SELECT permissions FROM service_users WHERE user_id = ? AND service_id = ?", user.id, second.id)).toEqual([
      { permissions: JSON.stringify(["view", "manage_templates"]) },
    ]);
    expect(await usersWith(user.emailAddress)).toHaveLength(1);
    const [row] = await rows("SELECT accepted_at FROM invitations WHERE id = ?", invitation.id);
    expect(row?.accepted_at).toBeGreaterThan(0);
    expect(service.id).not.toBe(second.id);
  });

  it("accepting twice at once adds the membership once and audits it once", async () => {
    const { tenant } = await tenantService();
    const user = await createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions: ["view"] }]);
    const second = await serviceInOrganisation(tenant.organisationId);
    const { token, invitation } = await invite(second, user.emailAddress);
    const cookies = await signInAs(user);
    const csrf = csrfOf(await (await consoleFetch(`/uitnodiging/${token}`, { cookies })).text());
    const answers = await Promise.all([1, 2].map(() => consoleFetch(`/uitnodiging/${token}`, { cookies, form: { _csrf: csrf } })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 410]);
    expect(await rows("SELECT * FROM service_users WHERE user_id = ? AND service_id = ?", user.id, second.id)).toHaveLength(1);
    const audit = await rows("SELECT id FROM audit_log WHERE action = 'user.invitation_accept' AND details LIKE ?", `%${invitation.id}%`);
    expect(audit).toHaveLength(1);
  });

  it("signed in as someone else, says which account to use and adds nobody", async () => {
    const { tenant } = await tenantService();
    const invited = await createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions: ["view"] }]);
    const other = await createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions: ["view"] }]);
    const second = await serviceInOrganisation(tenant.organisationId);
    const { token } = await invite(second, invited.emailAddress);
    const cookies = await signInAs(other);
    const page = await consoleFetch(`/uitnodiging/${token}`, { cookies });
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain("Deze uitnodiging is voor een ander account");
    const post = await consoleFetch(`/uitnodiging/${token}`, { cookies, form: { _csrf: csrfOf(html) } });
    expect(post.status).toBe(403);
    expect(await rows("SELECT * FROM service_users WHERE service_id = ?", second.id)).toEqual([]);
  });
});
