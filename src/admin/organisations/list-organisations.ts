/** GET /admin/organisations → 200 {organisations: [organisation object]}, oldest first. */
import { asc } from "drizzle-orm";
import { organisations } from "../../db/schema";
import { type AppRequest, json } from "../../http/app-request";
import { organisationObject } from "./create-organisation";

export async function listOrganisations(request: AppRequest): Promise<Response> {
  const rows = await request.services.db.select().from(organisations).orderBy(asc(organisations.createdAt), asc(organisations.id));
  return json({ organisations: rows.map(organisationObject) });
}
