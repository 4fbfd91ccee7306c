/**
 * Console trial recipients (src/console/pages/trial-recipients/): the team_members a service in
 * trial mode may send to. Adding with Dutch validation (nothing stored on a refusal), removing,
 * the audit rows, and the refusals: no manage_service (403), another organisation's member (404).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConsolePermission } from "../../../src/db/schema";
import { consoleFetch, createConsoleUser, csrfOf, signInAs } from "../../support/console-users";
import { createTenant, type Tenant } from "../../support/fixtures";

let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  tenant = await createTenant({ restricted: true });
  other = await createTenant({ teamMembers: [{ email_address: "ander@gemeente.example" }] });
});

async function signedIn(permissions: ConsolePermission[] = ["view", "manage_service"]) {
  const user = await createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions }]);
  const cookies = await signInAs(user);
  const csrf = csrfOf(await (await consoleFetch("/", { cookies })).text());
  return { user, cookies, csrf };
}

const path = () => `/diensten/${tenant.serviceId}/proefontvangers`;

async function membersOf(serviceId: string) {
  const rows = await env.DB.prepare("SELECT id, email_address, phone_number FROM team_members WHERE service_id = ?").bind(serviceId).all();
  return rows.results as { id: string; email_address: string | null; phone_number: string | null }[];
}

describe("console trial recipients", () => {
  it("explains trial mode and shows the add form", async () => {
    const { cookies } = await signedIn();
    const response = await consoleFetch(path(), { cookies });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(
      "Een dienst in proefmodus kan alleen berichten versturen naar de e-mailadressen en mobiele nummers op deze lijst",
    );
    expect(html).toContain('<label class="utrecht-form-label" for="veld-ontvanger">E-mailadres of mobiel nummer</label>');
  });

  it("adds an email address (lower-cased) and a mobile number (E.164), audited, and lists them", async () => {
    const { user, cookies, csrf } = await signedIn();
    const email = await consoleFetch(path(), { cookies, form: { _csrf: csrf, ontvanger: " Proef.Persoon@Gemeente.Example " } });
    expect(email.status).toBe(303);
    expect(email.headers.get("location")).toBe(`${path()}?melding=ontvanger-toegevoegd`);
    expect((await consoleFetch(path(), { cookies, form: { _csrf: csrf, ontvanger: "06-12345678" } })).status).toBe(303);

    const members = await membersOf(tenant.serviceId);
    expect(members.map((m) => m.email_address ?? m.phone_number)).toEqual(
      expect.arrayContaining(["proef.persoon@gemeente.example", "+31612345678"]),
    );
    const added = members.find((m) => m.phone_number === "+31612345678");
    const audit = await env.DB.prepare("SELECT action, actor FROM audit_log WHERE target_id = ?").bind(added?.id).first();
    expect(audit).toEqual({ action: "team_member.create", actor: user.emailAddress });

    const html = await (await consoleFetch(`${path()}?melding=ontvanger-toegevoegd`, { cookies })).text();
    expect(html).toContain("De proefontvanger is toegevoegd.");
    expect(html).toContain("proef.persoon@gemeente.example");
    expect(html).toContain("+31612345678");
  });

  it.each([
    ["", "Vul een e-mailadres of een mobiel nummer in."],
    ["naam@", "Vul een geldig e-mailadres in, zoals naam@gemeente.nl."],
    ["020-1234567", "Dit is geen mobiel nummer."],
    ["06-123", "Dit telefoonnummer bestaat niet."],
    ["bel mij", "Vul een e-mailadres in, zoals naam@gemeente.nl, of een mobiel nummer"],
  ])("refuses %j in Dutch, keeping what was typed and storing nothing", async (input, message) => {
    const { cookies, csrf } = await signedIn();
    const before = await membersOf(tenant.serviceId);
    const response = await consoleFetch(path(), { cookies, form: { _csrf: csrf, ontvanger: input } });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).toContain("Er is een probleem");
    if (input) expect(html).toContain(`value="${input}"`);
    expect(await membersOf(tenant.serviceId)).toEqual(before);
  });

  it("refuses a recipient that is already on the list", async () => {
    const { cookies, csrf } = await signedIn();
    await consoleFetch(path(), { cookies, form: { _csrf: csrf, ontvanger: "dubbel@gemeente.example" } });
    const before = await membersOf(tenant.serviceId);
    const again = await consoleFetch(path(), { cookies, form: { _csrf: csrf, ontvanger: "DUBBEL@gemeente.example" } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Dit e-mailadres of mobiele nummer staat al op de lijst.");
    expect(await membersOf(tenant.serviceId)).toEqual(before);
  });

  it("removes a recipient, audited", async () => {
    const { cookies, csrf } = await signedIn();
    await consoleFetch(path(), { cookies, form: { _csrf: csrf, ontvanger: "weg@gemeente.example" } });
    const member = (await membersOf(tenant.serviceId)).find((m) => m.email_address === "weg@gemeente.example");
    const removed = await consoleFetch(`${path()}/${member?.id}/verwijderen`, { cookies, form: { _csrf: csrf } });
    expect(removed.status).toBe(303);
    expect(removed.headers.get("location")).toBe(`${path()}?melding=ontvanger-verwijderd`);
    expect((await membersOf(tenant.serviceId)).some((m) => m.id === member?.id)).toBe(false);
    const audits = await env.DB.prepare("SELECT action FROM audit_log WHERE target_id = ? ORDER BY at, rowid").bind(member?.id).all();
    expect(audits.results.map((row) => row.action)).toEqual(["team_member.create", "team_member.delete"]);
  });

  it("another organisation's recipient is a 404 and stays", async () => {
    const { cookies, csrf } = await signedIn();
    const [member] = await membersOf(other.serviceId);
    const response = await consoleFetch(`${path()}/${member?.id}/verwijderen`, { cookies, form: { _csrf: csrf } });
    expect(response.status).toBe(404);
    expect(await membersOf(other.serviceId)).toEqual([member]);
  });

  it("a user without manage_service gets 403 and adds nothing", async () => {
    const { cookies, csrf } = await signedIn(["view", "manage_api_keys"]);
    const before = await membersOf(tenant.serviceId);
    expect((await consoleFetch(path(), { cookies })).status).toBe(403);
    expect((await consoleFetch(path(), { cookies, form: { _csrf: csrf, ontvanger: "nee@gemeente.example" } })).status).toBe(403);
    expect(await membersOf(tenant.serviceId)).toEqual(before);
  });
});
