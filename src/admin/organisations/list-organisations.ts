/** GET /organisations → 200 {organisations: [organisation object]}, oldest first. */
import { asc } from "drizzle-orm";
import * as v from "valibot";
import { organisations } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { OrganisationObject, organisationObject } from "./create-organisation";

export const listOrganisationsOperation = adminOperation({
  operationId: "list-organisations",
  method: "get",
  path: "/organisations",
  tag: "organisations",
  summary: "List organisations",
  ok: { status: 200, description: "Every organisation, oldest first", schema: v.object({ organisations: v.array(OrganisationObject) }) },
  handle: async (request) => {
    const rows = await request.services.db.select().from(organisations).orderBy(asc(organisations.createdAt), asc(organisations.id));
    return json({ organisations: rows.map(organisationObject) });
  },
});
