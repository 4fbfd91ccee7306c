/**
 * GET /services/{service_id}/templates[?type=&archived=&pageSize=&after=] → 200 {templates, links},
 * oldest first. Archived templates are listed unless `archived=false` asks for the usable ones only
 * (the admin sees what GET /v2/templates hides). The filters are part of the list, so `after` must
 * be a row of the same filtered list.
 */
import { and, eq } from "drizzle-orm";
import * as v from "valibot";
import type { Db } from "../../db/database";
import { templates } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pageLinks } from "../shared/object-fields";
import { listPage, type Page, type PageInput, pageLinksFor, pageQuery } from "../shared/paging";
import { queryChoice, queryFlag } from "../shared/query-fields";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { TEMPLATE_TYPES, TemplateObject, type TemplateRow, type TemplateType, templateObject } from "./template-object";

const ListTemplatesQuery = v.object({
  ...serviceScopeQuery,
  ...pageQuery,
  type: queryChoice(TEMPLATE_TYPES, "Only templates of this type"),
  archived: queryFlag("true: only archived templates; false: only usable ones; default: both"),
});

export const listTemplatesOperation = adminOperation({
  operationId: "list-templates",
  method: "get",
  path: "/services/{service_id}/templates",
  tag: "templates",
  summary: "List a service's templates, oldest first, archived ones included unless filtered out",
  query: ListTemplatesQuery,
  ok: {
    status: 200,
    description: "A page of templates, each at its current version",
    schema: v.object({ templates: v.array(TemplateObject), links: pageLinks }),
  },
  handle: async (request, { query }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const page = await listServiceTemplates(db, service.id, query, query);
    return json({ templates: page.rows.map(templateObject), links: pageLinksFor(request.url, page) });
  },
});

export interface TemplateListFilter {
  type?: TemplateType | undefined;
  /** true: only archived templates; false: only usable ones; undefined: both. */
  archived?: boolean | undefined;
}

/** One page of the service's templates matching `filter`, oldest first (also the web console's list). */
export function listServiceTemplates(db: Db, serviceId: string, filter: TemplateListFilter, page: PageInput): Promise<Page<TemplateRow>> {
  const scope = and(
    eq(templates.serviceId, serviceId),
    filter.type === undefined ? undefined : eq(templates.type, filter.type),
    filter.archived === undefined ? undefined : eq(templates.archived, filter.archived),
  );
  return listPage<TemplateRow>(db, { table: templates, id: templates.id, createdAt: templates.createdAt }, scope, page);
}
