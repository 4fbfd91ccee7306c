/**
 * Invitations for console tests: made with the domain function (src/console/accounts/invitations.ts)
 * so the test has the token, and accepted through the real /uitnodiging/:token page.
 */
import { env } from "cloudflare:workers";
import { buildServices } from "../../src/app/build-services";
import { type CreatedInvitation, createInvitation } from "../../src/console/accounts/invitations";
import { currentTotpCode } from "../../src/console/accounts/totp";
import type { ConsolePermission } from "../../src/db/schema";
import { consoleFetch, cookiesOf, csrfOf } from "./console-users";
import { adminJson, BASE_URL, uniqueName } from "./fixtures";

export const NEW_PASSWORD = "een lange zin als wachtwoord";

export async function invite(
  service: { id: string; organisationId: string; name: string },
  emailAddress: string,
  permissions: ConsolePermission[] = ["view"],
  options: { at?: number; services?: ReturnType<typeof buildServices> } = {},
): Promise<CreatedInvitation> {
  const services = options.services ?? buildServices(env);
  return createInvitation(
    { db: services.db, providers: services.providers, config: services.config, origin: BASE_URL },
    service,
    { emailAddress, permissions },
    { actor: "tester@gemeente.example", requestId: "test", at: options.at ?? Date.now() },
  );
}

export interface OpenedInvitation {
  response: Response;
  html: string;
  /** The form cookie (before sign-in) or the given cookies. */
  cookies: string[];
  csrf: string;
  /** The TOTP secret shown for manual entry (#totp-geheim). */
  secret: string;
}

export async function openInvitation(token: string, cookies: string[] = []): Promise<OpenedInvitation> {
  const response = await consoleFetch(`/uitnodiging/${token}`, { cookies });
  const html = await response.text();
  const secret = /id="totp-geheim">([A-Z2-7]+)</.exec(html)?.[1] ?? "";
  const csrf = /name="_csrf"/.test(html) ? csrfOf(html) : "";
  return { response, html, cookies: [...cookies, ...cookiesOf(response)], csrf, secret };
}

/** Posts the new-account form; the code defaults to the right one for the secret shown. */
export function postNewAccount(
  opened: OpenedInvitation,
  token: string,
  fields: { naam?: string; wachtwoord?: string; code?: string } = {},
) {
  return consoleFetch(`/uitnodiging/${token}`, {
    cookies: opened.cookies,
    form: {
      _csrf: opened.csrf,
      naam: fields.naam ?? "Nieuwe Collega",
      wachtwoord: fields.wachtwoord ?? NEW_PASSWORD,
      code: fields.code ?? currentTotpCode(opened.secret, Date.now()),
    },
  });
}

export async function rows<T = Record<string, unknown>>(query: string, ...binds: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(query)
      .bind(...binds)
      .all<T>()
  ).results;
}

/** A second service in the same organisation, made through the admin API. */
export async function serviceInOrganisation(organisationId: string): Promise<{ id: string; organisationId: string; name: string }> {
  const created = await adminJson<{ id: string; name: string }>("POST", "/admin/v1/services", {
    organisation_id: organisationId,
    name: uniqueName("Dienst"),
  });
  return { id: created.id, organisationId, name: created.name };
}
