/**
 * Shared by the templates console tests (templates-*.test.ts): a tenant with a signed-in user of
 * the chosen permissions, posting a form with the session's token, reading the stored rows, and a
 * page's text without its tags (to check what the reader sees).
 */
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { createDb } from "../../../src/db/database";
import { auditLog, type ConsolePermission, templates, templateVersions } from "../../../src/db/schema";
import { type ConsoleUser, consoleFetch, createConsoleUser, csrfOf, signInAs } from "../../support/console-users";
import type { Tenant } from "../../support/fixtures";

export const db = createDb(env.DB);

export interface SignedInUser {
  user: ConsoleUser;
  cookies: string[];
  csrf: string;
}

/** A fresh user on `serviceId` (a fresh one per sign-in: TOTP codes are single-use). */
export async function signedIn(
  tenant: Pick<Tenant, "organisationId" | "serviceId">,
  permissions: ConsolePermission[] = ["view", "manage_templates"],
): Promise<SignedInUser> {
  const user = await createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions }]);
  const cookies = await signInAs(user);
  const csrf = csrfOf(await (await consoleFetch("/", { cookies })).text());
  return { user, cookies, csrf };
}

export function post(as: SignedInUser, path: string, fields: Record<string, string> = {}) {
  return consoleFetch(path, { cookies: as.cookies, form: { _csrf: as.csrf, ...fields } });
}

export function get(as: SignedInUser, path: string) {
  return consoleFetch(path, { cookies: as.cookies });
}

/** The text a reader sees: tags dropped, the common entities decoded, whitespace collapsed. */
export function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

export const templatesOf = (serviceId: string) => db.select().from(templates).where(eq(templates.serviceId, serviceId));

export const templateRow = (id: string) => db.select().from(templates).where(eq(templates.id, id)).get();

export const versionsOf = (templateId: string) => db.select().from(templateVersions).where(eq(templateVersions.templateId, templateId));

export const auditRowsOf = (templateId: string, action: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, templateId), eq(auditLog.action, action)));

/** The template id in a 303 to a template page. */
export function templateIdOf(response: Response): string {
  const match = /\/sjablonen\/([0-9a-f-]{36})\?/.exec(response.headers.get("location") ?? "");
  if (!match?.[1]) throw new Error(`not a template page: ${response.headers.get("location")}`);
  return match[1];
}
