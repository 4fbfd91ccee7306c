/** GET /organisations[?pageSize=&after=] → 200 {organisations: [organisation object], links}, oldest first. */
import * as v from "valibot";
import { organisations } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import type { OrganisationRow } from "../shared/lookup";
import { pageLinks } from "../shared/object-fields";
import { listPage, pageLinksFor, pageQuery } from "../shared/paging";
import { OrganisationObject, organisationObject } from "./create-organisation";

export const listOrganisationsOperation = adminOperation({
  operationId: "list-organisations",
  method: "get",
  path: "/organisations",
  tag: "organisations",
  summary: "List organisations, oldest first",
  query: v.object(pageQuery),
  ok: {
    status: 200,
    description: "A page of organisations",
    schema: v.object({ organisations: v.array(OrganisationObject), links: pageLinks }),
  },
  handle: async (request, { query }) => {
    const page = await listPage<OrganisationRow>(
      request.services.db,
      { table: organisations, id: organisations.id, createdAt: organisations.createdAt },
      undefined,
      query,
    );
    return json({ organisations: page.rows.map(organisationObject), links: pageLinksFor(request.url, page) });
  },
});
