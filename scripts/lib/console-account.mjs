// A console account made the way a person makes one: a platform administrator invites them
// (admin API create-invitation), and they accept through the console's own acceptance form,
// with a password and the code of the authenticator secret the page shows. Used by `npm start`
// for the demo user and by the browser tests for users with chosen permissions.
import { randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { createAdminClient } from "../admin-client.mjs";

/** The current 6-digit code for a base32 secret; `offsetSteps` 1 gives the next step's code. */
export function totpCode(secret, offsetSteps = 0) {
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

/** The `name=value` pairs of a response's Set-Cookie headers. */
function cookiesOf(response) {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
}

function capture(html, pattern, what) {
  const match = pattern.exec(html);
  if (!match) throw new Error(`the acceptance page has no ${what}`);
  return match[1];
}

/**
 * Invites `emailAddress` to the service and accepts the invitation as a new account.
 * @returns {Promise<{ emailAddress: string, name: string, password: string, totpSecret: string, acceptUrl: string }>}
 */
export async function createConsoleAccount(baseUrl, adminToken, serviceId, { emailAddress, name, password, permissions } = {}) {
  const admin = createAdminClient(baseUrl, adminToken);
  const invitation = await admin.request("POST", `/admin/v1/services/${serviceId}/invitations`, {
    email_address: emailAddress,
    ...(permissions ? { permissions } : {}),
  });
  const page = await fetch(invitation.accept_url, { redirect: "manual" });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`the acceptance page answered ${page.status}`);
  const totpSecret = capture(html, /id="totp-geheim"[^>]*>([A-Z2-7]+)</, "TOTP secret");
  const csrf = capture(html, /name="_csrf" value="([^"]+)"/, "form token");
  const chosenPassword = password ?? randomBytes(12).toString("base64url");
  const response = await fetch(invitation.accept_url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(page).join("; ") },
    body: new URLSearchParams({ _csrf: csrf, naam: name ?? emailAddress, wachtwoord: chosenPassword, code: totpCode(totpSecret) }),
  });
  if (response.status !== 303) throw new Error(`accepting the invitation answered ${response.status}`);
  return { emailAddress, name: name ?? emailAddress, password: chosenPassword, totpSecret, acceptUrl: invitation.accept_url };
}
