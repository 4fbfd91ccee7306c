/**
 * Console accounts for tests: a user of an organisation with permissions on services, made the
 * way an accepted invitation makes one (hashed password, encrypted TOTP secret), and signing in
 * through the real form with a fresh TOTP code.
 */
import { env, exports } from "cloudflare:workers";
import { hashPassword } from "../../src/console/accounts/passwords";
import { currentTotpCode, newTotpSecret } from "../../src/console/accounts/totp";
import { createDb } from "../../src/db/database";
import { type ConsolePermission, serviceUsers, users } from "../../src/db/schema";
import { createSecretBox } from "../../src/lib/crypto";
import { BASE_URL } from "./fixtures";

export interface ConsoleUser {
  id: string;
  emailAddress: string;
  password: string;
  totpSecret: string;
  organisationId: string;
}

export const TEST_PASSWORD = "correct horse battery staple";

export async function createConsoleUser(
  organisationId: string,
  memberships: { serviceId: string; permissions: ConsolePermission[] }[],
  options: { name?: string; emailAddress?: string } = {},
): Promise<ConsoleUser> {
  const db = createDb(env.DB);
  const totpSecret = newTotpSecret();
  const id = crypto.randomUUID();
  const emailAddress = options.emailAddress ?? `gebruiker-${id.slice(0, 8)}@gemeente.example`;
  await db.insert(users).values({
    id,
    organisationId,
    emailAddress,
    name: options.name ?? "Test Gebruiker",
    passwordHash: await hashPassword(TEST_PASSWORD),
    totpSecretEncrypted: await createSecretBox(env.KEY_ENCRYPTION_KEY).encrypt(totpSecret),
  });
  for (const membership of memberships) {
    await db.insert(serviceUsers).values({ userId: id, serviceId: membership.serviceId, permissions: membership.permissions });
  }
  return { id, emailAddress, password: TEST_PASSWORD, totpSecret, organisationId };
}

/** A 6-digit code the server refuses for this secret now: none of the codes of the steps it accepts (now and one either side). */
export function wrongTotpCode(totpSecret: string, at = Date.now()): string {
  const valid = new Set([-30_000, 0, 30_000].map((offset) => currentTotpCode(totpSecret, at + offset)));
  return ["000000", "111111", "222222", "333333"].find((code) => !valid.has(code)) as string;
}

/** A browser-like request to the console: same-origin, with the cookies given. */
export function consoleFetch(path: string, init: { method?: string; cookies?: string[]; form?: Record<string, string> } = {}) {
  const headers = new Headers({ "sec-fetch-site": "same-origin" });
  if (init.cookies?.length) headers.set("cookie", init.cookies.join("; "));
  let body: string | undefined;
  if (init.form) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(init.form).toString();
  }
  return exports.default.fetch(
    new Request(`${BASE_URL}${path}`, { method: init.method ?? (init.form ? "POST" : "GET"), headers, body, redirect: "manual" }),
  );
}

/** `name=value` of each Set-Cookie of a response. */
export function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
}

/** The hidden `_csrf` value of the first form in a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no _csrf field in the page");
  return match[1];
}

/** Signs in through GET and POST /inloggen; returns the session cookie. */
export async function signInAs(user: ConsoleUser, at = Date.now()): Promise<string[]> {
  const page = await consoleFetch("/inloggen");
  const formCookies = cookiesOf(page);
  const response = await consoleFetch("/inloggen", {
    cookies: formCookies,
    form: {
      _csrf: csrfOf(await page.text()),
      email: user.emailAddress,
      wachtwoord: user.password,
      code: currentTotpCode(user.totpSecret, at),
    },
  });
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
  return cookiesOf(response).filter((cookie) => cookie.startsWith("nnl-sessie="));
}
