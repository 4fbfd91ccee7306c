/**
 * The team pages (src/console/pages/team/, src/console/accounts/team.ts): the list, inviting,
 * changing permissions, removing, cancelling an invitation; the rules (keep a manager, not
 * yourself), the permission checks (403) and other organisations' ids (404).
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AccountRefusal } from "../../../src/console/accounts/account-refusal";
import { changeMemberPermissions, removeTeamMember } from "../../../src/console/accounts/team";
import { createDb } from "../../../src/db/database";
import type { ConsolePermission } from "../../../src/db/schema";
import { invite, openInvitation, postNewAccount, rows, serviceInOrganisation } from "../../support/console-invitations";
import { type ConsoleUser, consoleFetch, createConsoleUser, csrfOf, signInAs } from "../../support/console-users";
import { BASE_URL, createTenant, type Tenant } from "../../support/fixtures";

const ALL: ConsolePermission[] = ["view", "send", "manage_templates", "manage_service", "manage_api_keys"];

interface Signed {
  tenant: Tenant;
  user: ConsoleUser;
  cookies: string[];
  base: string;
}

async function signedInTeam(permissions: ConsolePermission[] = ALL, tenant?: Tenant): Promise<Signed> {
  const t = tenant ?? (await createTenant());
  const user = await createConsoleUser(t.organisationId, [{ serviceId: t.serviceId, permissions }], { name: "Beheerder Bram" });
  return { tenant: t, user, cookies: await signInAs(user), base: `/diensten/${t.serviceId}/team` };
}

async function colleague(tenant: Tenant, permissions: ConsolePermission[] = ["view"], name = "Collega Cor") {
  return createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions }], { name });
}

/** Posts a form as the signed-in user (the CSRF token from the team page's layout); fields may repeat (checkboxes). */
async function post(signed: Signed, path: string, fields: Record<string, string> | [string, string][] = {}) {
  const page = await consoleFetch(signed.base, { cookies: signed.cookies });
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
  const body = new URLSearchParams([["_csrf", csrfOf(await page.text())], ...pairs]);
  return exports.default.fetch(
    new Request(`${BASE_URL}${path}`, {
      method: "POST",
      headers: {
        "sec-fetch-site": "same-origin",
        "content-type": "application/x-www-form-urlencoded",
        cookie: signed.cookies.join("; "),
      },
      body: body.toString(),
      redirect: "manual",
    }),
  );
}

const membership = (userId: string, serviceId: string) =>
  rows<{ permissions: string }>("SELECT permissions FROM service_users WHERE user_id = ? AND service_id = ?", userId, serviceId);

describe("GET /diensten/:serviceId/team", () => {
  it("lists members with their permissions in Dutch, and open invitations with a cancel button for a manager", async () => {
    const signed = await signedInTeam();
    await colleague(signed.tenant, ["view", "send"]);
    await invite({ id: signed.tenant.serviceId, organisationId: signed.tenant.organisationId, name: "x" }, "open@gemeente.example");
    const response = await consoleFetch(signed.base, { cookies: signed.cookies });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Collega Cor");
    expect(html).toContain("Berichten bekijken, Berichten versturen");
    expect(html).toContain("Team en instellingen beheren");
    expect(html).toContain("open@gemeente.example");
    expect(html).toContain("Intrekken");
    expect(html).toContain(`href="${signed.base}/uitnodigen"`);
  });

  it("a view-only member sees the team but no invite link or cancel button, and gets 403 on uitnodigen", async () => {
    const signed = await signedInTeam(["view"]);
    await invite({ id: signed.tenant.serviceId, organisationId: signed.tenant.organisationId, name: "x" }, "open2@gemeente.example");
    const html = await (await consoleFetch(signed.base, { cookies: signed.cookies })).text();
    expect(html).toContain("open2@gemeente.example");
    expect(html).not.toContain("Intrekken");
    expect(html).not.toContain("/uitnodigen");
    expect((await consoleFetch(`${signed.base}/uitnodigen`, { cookies: signed.cookies })).status).toBe(403);
    const refused = await post(signed, `${signed.base}/uitnodigen`, { email: "iemand@gemeente.example" });
    expect(refused.status).toBe(403);
    expect(await rows("SELECT id FROM invitations WHERE email_address = 'iemand@gemeente.example'")).toEqual([]);
  });

  it("another organisation's service is a 404", async () => {
    const signed = await signedInTeam();
    const other = await createTenant();
    expect((await consoleFetch(`/diensten/${other.serviceId}/team`, { cookies: signed.cookies })).status).toBe(404);
  });
});

describe("inviting from the console", () => {
  it("makes the invitation with the checked permissions and says so", async () => {
    const signed = await signedInTeam();
    const email = `nieuw-${crypto.randomUUID().slice(0, 8)}@gemeente.example`;
    const response = await post(signed, `${signed.base}/uitnodigen`, [
      ["email", email],
      ["rechten", "send"],
      ["rechten", "manage_templates"],
    ]);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${signed.base}?melding=uitgenodigd`);
    const [row] = await rows<{ permissions: string; invited_by: string }>(
      "SELECT permissions, invited_by FROM invitations WHERE email_address = ?",
      email,
    );
    expect(JSON.parse(row?.permissions ?? "[]")).toEqual(["view", "send", "manage_templates"]);
    expect(row?.invited_by).toBe(signed.user.emailAddress);
    const page = await consoleFetch(response.headers.get("location") ?? "", { cookies: signed.cookies });
    expect(await page.text()).toContain("De uitnodiging is verstuurd.");
  });

  it("re-shows the form with Dutch messages for an empty, invalid or member's address and stores nothing", async () => {
    const signed = await signedInTeam();
    const member = await colleague(signed.tenant);
    const cases: [string, string][] = [
      ["", "Vul het e-mailadres in."],
      ["geen-adres", "Vul een geldig e-mailadres in"],
      [member.emailAddress, "Deze persoon zit al in het team van deze dienst."],
    ];
    for (const [email, message] of cases) {
      const response = await post(signed, `${signed.base}/uitnodigen`, { email, rechten: "send" });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).toContain("Er is een probleem");
    }
    expect(await rows("SELECT id FROM invitations WHERE service_id = ?", signed.tenant.serviceId)).toEqual([]);
  });

  it("invites another organisation's account like any address, so the answer reveals nothing about it", async () => {
    const signed = await signedInTeam();
    const other = await createTenant();
    const outsider = await colleague(other);
    const stranger = await post(signed, `${signed.base}/uitnodigen`, {
      email: `niemand-${crypto.randomUUID().slice(0, 8)}@elders.example`,
    });
    const response = await post(signed, `${signed.base}/uitnodigen`, { email: outsider.emailAddress });
    expect(response.status).toBe(stranger.status);
    expect(response.headers.get("location")).toBe(stranger.headers.get("location"));
    expect(
      await rows("SELECT id FROM invitations WHERE service_id = ? AND email_address = ?", signed.tenant.serviceId, outsider.emailAddress),
    ).toHaveLength(1);
  });
});

describe("changing a member's permissions", () => {
  it("stores the new permissions and audits from and to", async () => {
    const signed = await signedInTeam();
    const member = await colleague(signed.tenant, ["view"]);
    const response = await post(signed, `${signed.base}/${member.id}`, [
      ["rechten", "send"],
      ["rechten", "manage_api_keys"],
    ]);
    expect(response.status).toBe(303);
    expect(await membership(member.id, signed.tenant.serviceId)).toEqual([
      { permissions: JSON.stringify(["view", "send", "manage_api_keys"]) },
    ]);
    const [audit] = await rows<{ details: string; actor: string }>(
      "SELECT details, actor FROM audit_log WHERE action = 'user.permissions_update' AND target_id = ?",
      member.id,
    );
    expect(audit?.actor).toBe(signed.user.emailAddress);
    expect(JSON.parse(audit?.details ?? "{}")).toEqual({ permissions: { from: ["view"], to: ["view", "send", "manage_api_keys"] } });
  });

  it("the member page shows the checkboxes with the current permissions checked", async () => {
    const signed = await signedInTeam();
    const member = await colleague(signed.tenant, ["view", "send"]);
    const html = await (await consoleFetch(`${signed.base}/${member.id}`, { cookies: signed.cookies })).text();
    expect(html).toContain("Rechten van Collega Cor");
    expect(html).toMatch(/value="send" checked/);
    expect(html).not.toMatch(/value="manage_service" checked/);
    expect(html).toMatch(/value="view" checked="" disabled|value="view" checked disabled/);
  });

  it("refuses dropping your own manage_service in Dutch and changes nothing", async () => {
    const signed = await signedInTeam();
    await colleague(signed.tenant, ALL, "Andere Beheerder");
    const response = await post(signed, `${signed.base}/${signed.user.id}`, { rechten: "send" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("U kunt uw eigen recht ‘Team en instellingen beheren’ niet uitzetten.");
    expect(await membership(signed.user.id, signed.tenant.serviceId)).toEqual([{ permissions: JSON.stringify(ALL) }]);
  });

  it("a member of another organisation or of another service is a 404", async () => {
    const signed = await signedInTeam();
    const other = await createTenant();
    const outsider = await colleague(other);
    const second = await serviceInOrganisation(signed.tenant.organisationId);
    const elsewhere = await createConsoleUser(signed.tenant.organisationId, [{ serviceId: second.id, permissions: ["view"] }]);
    for (const id of [outsider.id, elsewhere.id, "geen-id"]) {
      expect((await consoleFetch(`${signed.base}/${id}`, { cookies: signed.cookies })).status).toBe(404);
      expect((await post(signed, `${signed.base}/${id}`, { rechten: "send" })).status).toBe(404);
      expect((await post(signed, `${signed.base}/${id}/verwijderen`)).status).toBe(404);
    }
    expect(await membership(outsider.id, other.serviceId)).toEqual([{ permissions: JSON.stringify(["view"]) }]);
  });
});

describe("the last manager", () => {
  const meta = () => ({ actor: "test", requestId: "test", at: Date.now() });

  it("cannot lose manage_service or be removed: refused, nothing changed, nothing audited", async () => {
    const tenant = await createTenant();
    const manager = await colleague(tenant, ALL, "Enige Beheerder");
    const viewer = await colleague(tenant, ["view"]);
    const db = createDb(env.DB);
    const service = { id: tenant.serviceId, organisationId: tenant.organisationId };
    // The actor is someone else (as in a race where they were just removed), so only the batch's guard stands in the way.
    const change = changeMemberPermissions(db, service, viewer, manager.id, ["view"], meta()).catch((e: unknown) => e);
    expect(await change).toBeInstanceOf(AccountRefusal);
    expect(((await change) as AccountRefusal).reason).toBe("last_manager");
    const removal = removeTeamMember(db, service, viewer, manager.id, meta()).catch((e: unknown) => e);
    expect(((await removal) as AccountRefusal).reason).toBe("last_manager");
    expect(await membership(manager.id, tenant.serviceId)).toEqual([{ permissions: JSON.stringify(ALL) }]);
    expect(await rows("SELECT id FROM audit_log WHERE target_id = ? AND action LIKE 'user.%'", manager.id)).toEqual([]);
  });

  it("two managers removing each other at once: one succeeds, a manager remains", async () => {
    const tenant = await createTenant();
    const first = await signedInTeam(ALL, tenant);
    const second = await signedInTeam(ALL, tenant);
    const answers = await Promise.all([
      post(first, `${first.base}/${second.user.id}/verwijderen`),
      post(second, `${second.base}/${first.user.id}/verwijderen`),
    ]);
    // The other answer is a refusal (400), a 404, or (its session ended with the account) a 303 to the sign-in page.
    const removed = answers.filter((answer) => answer.headers.get("location")?.endsWith("?melding=verwijderd"));
    expect(removed).toHaveLength(1);
    const managers = await rows(
      "SELECT user_id FROM service_users WHERE service_id = ? AND permissions LIKE '%manage_service%'",
      tenant.serviceId,
    );
    expect(managers).toHaveLength(1);
  });
});

describe("removing a member", () => {
  it("deletes the membership, audits it, and on their last service closes the account and its sessions", async () => {
    const signed = await signedInTeam();
    const member = await colleague(signed.tenant, ["view", "send"]);
    const memberCookies = await signInAs(member);
    expect((await consoleFetch(`/diensten/${signed.tenant.serviceId}/team`, { cookies: memberCookies })).status).toBe(200);

    const response = await post(signed, `${signed.base}/${member.id}/verwijderen`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${signed.base}?melding=verwijderd`);
    expect(await membership(member.id, signed.tenant.serviceId)).toEqual([]);
    const [user] = await rows("SELECT removed_at FROM users WHERE id = ?", member.id);
    expect(user?.removed_at).toBeGreaterThan(0);
    expect(await rows("SELECT token_hash FROM console_sessions WHERE user_id = ?", member.id)).toEqual([]);
    expect((await consoleFetch(`/diensten/${signed.tenant.serviceId}/team`, { cookies: memberCookies })).status).toBe(303);
    const audit = await rows<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'user.remove' AND target_id = ?",
      member.id,
    );
    expect(audit.map((row) => JSON.parse(row.details))).toEqual([{ permissions: ["view", "send"] }]);
  });

  it("keeps the account and its sessions when the member is on another service", async () => {
    const signed = await signedInTeam();
    const second = await serviceInOrganisation(signed.tenant.organisationId);
    const member = await createConsoleUser(signed.tenant.organisationId, [
      { serviceId: signed.tenant.serviceId, permissions: ["view"] },
      { serviceId: second.id, permissions: ["view"] },
    ]);
    const memberCookies = await signInAs(member);
    expect((await post(signed, `${signed.base}/${member.id}/verwijderen`)).status).toBe(303);
    const [user] = await rows("SELECT removed_at FROM users WHERE id = ?", member.id);
    expect(user?.removed_at).toBeNull();
    expect((await consoleFetch(`/diensten/${second.id}/team`, { cookies: memberCookies })).status).toBe(200);
    expect((await consoleFetch(`/diensten/${signed.tenant.serviceId}/team`, { cookies: memberCookies })).status).toBe(404);
  });

  it("refuses removing yourself in Dutch", async () => {
    const signed = await signedInTeam();
    await colleague(signed.tenant, ALL, "Andere Beheerder");
    const response = await post(signed, `${signed.base}/${signed.user.id}/verwijderen`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("U kunt uzelf niet uit het team verwijderen.");
    expect(await membership(signed.user.id, signed.tenant.serviceId)).toHaveLength(1);
  });

  it("a removed colleague can be invited again and makes the account anew", async () => {
    const signed = await signedInTeam();
    const member = await colleague(signed.tenant);
    expect((await post(signed, `${signed.base}/${member.id}/verwijderen`)).status).toBe(303);
    const service = { id: signed.tenant.serviceId, organisationId: signed.tenant.organisationId, name: "x" };
    const { token } = await invite(service, member.emailAddress);
    const opened = await openInvitation(token);
    expect(opened.response.status).toBe(200);
    expect((await postNewAccount(opened, token, { naam: "Terug Gekomen" })).status).toBe(303);
    const users = await rows("SELECT id, name, removed_at FROM users WHERE email_address = ?", member.emailAddress);
    expect(users).toEqual([{ id: member.id, name: "Terug Gekomen", removed_at: null }]);
    expect(await membership(member.id, signed.tenant.serviceId)).toHaveLength(1);
  });
});

describe("cancelling an invitation", () => {
  it("cancels it, audits it, and the link then says it was cancelled", async () => {
    const signed = await signedInTeam();
    const service = { id: signed.tenant.serviceId, organisationId: signed.tenant.organisationId, name: "x" };
    const { token, invitation } = await invite(service, `weg-${crypto.randomUUID().slice(0, 8)}@gemeente.example`);
    const response = await post(signed, `${signed.base}/uitnodigingen/${invitation.id}/intrekken`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${signed.base}?melding=ingetrokken`);
    const [row] = await rows("SELECT cancelled_at FROM invitations WHERE id = ?", invitation.id);
    expect(row?.cancelled_at).toBeGreaterThan(0);
    expect(await rows("SELECT id FROM audit_log WHERE action = 'user.invitation_cancel' AND target_id = ?", invitation.id)).toHaveLength(1);
    const link = await consoleFetch(`/uitnodiging/${token}`);
    expect(link.status).toBe(410);
    expect(await link.text()).toContain("Deze uitnodiging is ingetrokken");
  });

  it("another organisation's invitation id is a 404 and stays open", async () => {
    const signed = await signedInTeam();
    const other = await createTenant();
    const { invitation } = await invite(
      { id: other.serviceId, organisationId: other.organisationId, name: "x" },
      `ander-${crypto.randomUUID().slice(0, 8)}@gemeente.example`,
    );
    const response = await post(signed, `${signed.base}/uitnodigingen/${invitation.id}/intrekken`);
    expect(response.status).toBe(404);
    const [row] = await rows("SELECT cancelled_at FROM invitations WHERE id = ?", invitation.id);
    expect(row?.cancelled_at).toBeNull();
  });

  it("a view-only member gets 403", async () => {
    const signed = await signedInTeam(["view"]);
    const service = { id: signed.tenant.serviceId, organisationId: signed.tenant.organisationId, name: "x" };
    const { invitation } = await invite(service, `blijft-${crypto.randomUUID().slice(0, 8)}@gemeente.example`);
    expect((await post(signed, `${signed.base}/uitnodigingen/${invitation.id}/intrekken`)).status).toBe(403);
  });
});
