/** GET /services[?organisationId=&pageSize=&after=] → 200 {services: [service object], links}, oldest first. */
import { eq } from "drizzle-orm";
import * as v from "valibot";
import { services } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import type { ServiceRow } from "../shared/lookup";
import { pageLinks } from "../shared/object-fields";
import { listPage, pageLinksFor, pageQuery } from "../shared/paging";
import { ServiceObject, serviceObject } from "./service-object";

const ListServicesQuery = v.object({
  ...pageQuery,
  // An unknown organisation is an empty list, not a 404: a filter, not a lookup.
  organisationId: v.optional(v.pipe(v.string(), v.uuid("is not a valid id"), v.description("Only the services of this organisation"))),
});

export const listServicesOperation = adminOperation({
  operationId: "list-services",
  method: "get",
  path: "/services",
  tag: "services",
  summary: "List services, oldest first, optionally of one organisation",
  query: ListServicesQuery,
  ok: {
    status: 200,
    description: "A page of services",
    schema: v.object({ services: v.array(ServiceObject), links: pageLinks }),
  },
  handle: async (request, { query }) => {
    const { organisationId, ...page } = query;
    // The scope also applies to the `after` cursor, so a cursor from another organisation is a 400.
    const scope = organisationId === undefined ? undefined : eq(services.organisationId, organisationId.toLowerCase());
    const result = await listPage<ServiceRow>(
      request.services.db,
      { table: services, id: services.id, createdAt: services.createdAt },
      scope,
      page,
    );
    return json({ services: result.rows.map(serviceObject), links: pageLinksFor(request.url, result) });
  },
});
