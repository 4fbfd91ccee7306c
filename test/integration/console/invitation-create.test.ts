/**
 * Making an invitation (src/console/accounts/invitations.ts): the email reaches the SMTP server
 * with the link, only the token's SHA-256 is stored, the audit row holds no address, and the
 * refusals (already on the team, already invited, another organisation's account). Also the admin
 * API's create-invitation (src/admin/invitations/post-invitation.ts).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildServices } from "../../../src/app/build-services";
import { AccountRefusal } from "../../../src/console/accounts/account-refusal";
import { sha256Hex } from "../../../src/lib/crypto";
import { invite, rows } from "../../support/console-invitations";
import { consoleFetch, createConsoleUser } from "../../support/console-users";
import { eventually } from "../../support/delivery";
import { adminFetch, BASE_URL, createTenant, readProblem } from "../../support/fixtures";

interface Mail {
  to: string[];
  raw: string;
}

const address = () => `collega-${crypto.randomUUID().slice(0, 8)}@gemeente.example`;
const serviceOf = (tenant: Awaited<ReturnType<typeof createTenant>>) => ({
  id: tenant.serviceId,
  organisationId: tenant.organisationId,
  name: String(tenant.service.name),
});

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccountRefusal);
  return (error as AccountRefusal).reason;
}

describe("createInvitation", () => {
  it("sends the email with the link through SMTP and stores only the token's hash", async () => {
    const tenant = await createTenant();
    const email = address();
    const smtp = buildServices(env, { config: { EMAIL_PROVIDER: "smtp", SMTP_USER: "notifynl", SMTP_PASSWORD: "secret" } });
    const created = await invite(serviceOf(tenant), email, ["view", "send"], { services: smtp });
    expect(created.emailSent).toBe(true);
    expect(created.acceptUrl).toBe(`${BASE_URL}/uitnodiging/${created.token}`);

    const mail = await eventually(async () => {
      const mails = (await (await fetch(`${env.TEST_SUPPORT_URL}/mails`)).json()) as Mail[];
      return mails.find((m) => m.to.includes(email));
    });
    const unfolded = mail.raw.replace(/=\r\n/g, "");
    expect(unfolded).toContain(created.token);
    expect(unfolded).toContain("Uitnodiging voor");

    const [row] = await rows("SELECT * FROM invitations WHERE id = ?", created.invitation.id);
    expect(row?.token_hash).toBe(await sha256Hex(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row?.expires_at).toBe(Number(row?.created_at) + 2 * 24 * 60 * 60_000);
  });

  it("always includes view, and audits the permissions without the address", async () => {
    const tenant = await createTenant();
    const email = address();
    const created = await invite(serviceOf(tenant), email, ["send"]);
    expect(created.invitation.permissions).toEqual(["view", "send"]);
    const audit = await rows<{ details: string; actor: string }>(
      "SELECT details, actor FROM audit_log WHERE action = 'user.invite' AND target_id = ?",
      created.invitation.id,
    );
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details ?? "{}")).toEqual({ permissions: ["view", "send"] });
    expect(audit[0]?.details).not.toContain(email);
  });

  it("refuses an invalid address, a member and an address with an open invitation", async () => {
    const tenant = await createTenant();
    const service = serviceOf(tenant);
    const member = await createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions: ["view"] }]);
    const email = address();
    await invite(service, email);
    const before = await rows("SELECT id FROM invitations WHERE service_id = ?", service.id);

    expect(await refusalOf(invite(service, "geen-adres"))).toBe("invalid_email");
    expect(await refusalOf(invite(service, member.emailAddress.toUpperCase()))).toBe("already_member");
    expect(await refusalOf(invite(service, email))).toBe("already_invited");
    expect(await rows("SELECT id FROM invitations WHERE service_id = ?", service.id)).toEqual(before);
  });

  it("two invitations for one address at once make one", async () => {
    const tenant = await createTenant();
    const email = address();
    const results = await Promise.allSettled([invite(serviceOf(tenant), email), invite(serviceOf(tenant), email)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await rows("SELECT id FROM invitations WHERE email_address = ?", email)).toHaveLength(1);
    expect(await rows("SELECT id FROM audit_log WHERE action = 'user.invite' AND service_id = ?", tenant.serviceId)).toHaveLength(1);
  });
});

describe("POST /admin/v1/services/{service_id}/invitations", () => {
  it("answers 201 with accept_url and all five permissions by default, audited under the credential", async () => {
    const tenant = await createTenant();
    const email = address();
    const response = await adminFetch(`/admin/v1/services/${tenant.serviceId}/invitations`, {
      method: "POST",
      body: { email_address: ` ${email.toUpperCase()} ` },
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      service_id: tenant.serviceId,
      email_address: email,
      permissions: ["view", "send", "manage_templates", "manage_service", "manage_api_keys"],
    });
    expect(String(body.accept_url)).toMatch(new RegExp(`^${BASE_URL}/uitnodiging/[A-Za-z0-9_-]{43}$`));
    expect(String(body.expires_at)).toMatch(/Z$/);
    const page = await consoleFetch(new URL(String(body.accept_url)).pathname);
    expect(page.status).toBe(200);
    const [audit] = await rows("SELECT actor FROM audit_log WHERE action = 'user.invite' AND target_id = ?", body.id);
    expect(audit?.actor).toBe("bootstrap");
  });

  it("takes the permissions given, with view", async () => {
    const tenant = await createTenant();
    const response = await adminFetch(`/admin/v1/services/${tenant.serviceId}/invitations`, {
      method: "POST",
      body: { email_address: address(), permissions: ["send"] },
    });
    expect(((await response.json()) as { permissions: string[] }).permissions).toEqual(["view", "send"]);
  });

  it("refuses an invalid address and an unknown permission as problem details", async () => {
    const tenant = await createTenant();
    const bad = await adminFetch(`/admin/v1/services/${tenant.serviceId}/invitations`, {
      method: "POST",
      body: { email_address: "geen-adres" },
    });
    expect(bad.status).toBe(400);
    expect((await readProblem(bad)).code).toBe("ValidationError");
    const unknown = await adminFetch(`/admin/v1/services/${tenant.serviceId}/invitations`, {
      method: "POST",
      body: { email_address: address(), permissions: ["admin"] },
    });
    expect(unknown.status).toBe(400);
    expect(await rows("SELECT id FROM invitations WHERE service_id = ?", tenant.serviceId)).toEqual([]);
  });

  it("an unknown service is a 404", async () => {
    const response = await adminFetch(`/admin/v1/services/${crypto.randomUUID()}/invitations`, {
      method: "POST",
      body: { email_address: address() },
    });
    expect(response.status).toBe(404);
  });
});
