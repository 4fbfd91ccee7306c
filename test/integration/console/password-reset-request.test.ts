/**
 * Asking for a password reset (src/console/accounts/password-reset.ts, pages/password-reset/):
 * one answer whether or not the address has an account, the link emailed with only its hash
 * stored, the hourly limit, and no email for a removed account.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset } from "../../../src/console/accounts/password-reset";
import { sha256Hex } from "../../../src/lib/crypto";
import { consoleFetch, createConsoleUser } from "../../support/console-users";
import { eventually } from "../../support/delivery";
import { BASE_URL, createTenant, type Tenant } from "../../support/fixtures";
import { anonymousForm, recordingEmailServices, resetTokenIn } from "../../support/reset-links";

let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
});

const newUser = () => createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions: ["view"] }]);

async function resetsOf(userId: string) {
  const rows = await env.DB.prepare("SELECT * FROM password_resets WHERE user_id = ?").bind(userId).all();
  return rows.results as { token_hash: string; created_at: number; expires_at: number; used_at: number | null }[];
}

async function askFor(email: string) {
  const { cookies, csrf } = await anonymousForm();
  return consoleFetch("/wachtwoord-vergeten", { cookies, form: { _csrf: csrf, email } });
}

describe("asking for a password reset", () => {
  it("answers the same for a known and an unknown address; only the known one gets a link", async () => {
    const user = await newUser();
    const before = (await env.DB.prepare("SELECT COUNT(*) AS n FROM password_resets").first<number>("n")) ?? 0;
    const known = await askFor(user.emailAddress);
    const unknown = await askFor(`niemand-${crypto.randomUUID().slice(0, 8)}@gemeente.example`);
    expect([known.status, unknown.status]).toEqual([303, 303]);
    expect(known.headers.get("location")).toBe("/wachtwoord-vergeten?melding=link-verstuurd");
    expect(unknown.headers.get("location")).toBe(known.headers.get("location"));

    const page = await consoleFetch(known.headers.get("location") ?? "");
    expect(await page.text()).toContain(
      "Als dit e-mailadres bij een account hoort, ontvangt u binnen een paar minuten een e-mail met een link",
    );
    // The request runs after the answer (forgot-password.tsx), so its row appears soon after.
    await eventually(async () => (await resetsOf(user.id)).length === 1);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM password_resets").first("n")).toBe(before + 1);
    const audit = await env.DB.prepare("SELECT action, actor FROM audit_log WHERE target_id = ?").bind(user.id).first();
    expect(audit).toEqual({ action: "user.password_reset_request", actor: user.emailAddress });
  });

  it("refuses an empty or malformed address in Dutch", async () => {
    const empty = await askFor("");
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Vul uw e-mailadres in.");
    const malformed = await askFor("geen-adres");
    expect(malformed.status).toBe(400);
    const html = await malformed.text();
    expect(html).toContain("Vul een geldig e-mailadres in");
    expect(html).toContain('value="geen-adres"');
  });

  it("emails a link to the reset page valid for an hour, and stores only the token's SHA-256", async () => {
    const user = await newUser();
    const { sent, services } = recordingEmailServices();
    const at = Date.now();
    await requestPasswordReset(services, { emailAddress: user.emailAddress.toUpperCase(), origin: BASE_URL }, { requestId: "t", at });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe(user.emailAddress);
    expect(sent[0]?.text).toContain(`${BASE_URL}/wachtwoord-herstellen/`);
    const token = resetTokenIn(sent[0]) ?? "";
    const [row] = await resetsOf(user.id);
    expect(row?.token_hash).toBe(await sha256Hex(token));
    expect(row?.token_hash).not.toContain(token);
    expect(row?.expires_at).toBe(at + 60 * 60_000);
  });

  it("sends nothing beyond three requests an hour", async () => {
    const user = await newUser();
    const { sent, services } = recordingEmailServices();
    const at = Date.now();
    for (let i = 0; i < 5; i++) {
      await requestPasswordReset(services, { emailAddress: user.emailAddress, origin: BASE_URL }, { requestId: "t", at: at + i });
    }
    expect(sent).toHaveLength(3);
    expect(await resetsOf(user.id)).toHaveLength(3);
    const audits = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ?").bind(user.id).first("n");
    expect(audits).toBe(3);
    // An hour later the limit has passed.
    await requestPasswordReset(
      services,
      { emailAddress: user.emailAddress, origin: BASE_URL },
      { requestId: "t", at: at + 60 * 60_000 + 5 },
    );
    expect(sent).toHaveLength(4);
  });

  it("sends nothing for a removed account", async () => {
    const user = await newUser();
    await env.DB.prepare("UPDATE users SET removed_at = ? WHERE id = ?").bind(Date.now(), user.id).run();
    const { sent, services } = recordingEmailServices();
    await requestPasswordReset(services, { emailAddress: user.emailAddress, origin: BASE_URL }, { requestId: "t", at: Date.now() });
    expect(sent).toHaveLength(0);
    expect(await resetsOf(user.id)).toHaveLength(0);
  });
});
