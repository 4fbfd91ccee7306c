/**
 * GET /services/{service_id}/team-members[?pageSize=&after=] → 200 {team_members: [member], links},
 * oldest first: the recipients trial mode and team keys may send to.
 */
import { eq } from "drizzle-orm";
import * as v from "valibot";
import { teamMembers } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pageLinks } from "../shared/object-fields";
import { listPage, pageLinksFor, pageQuery } from "../shared/paging";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { TeamMemberObject, type TeamMemberRow, teamMemberObject } from "./create-team-member";

export const listTeamMembersOperation = adminOperation({
  operationId: "list-team-members",
  method: "get",
  path: "/services/{service_id}/team-members",
  tag: "team-members",
  summary: "List a service's team members, oldest first",
  query: v.object({ ...serviceScopeQuery, ...pageQuery }),
  ok: {
    status: 200,
    description: "A page of team members",
    schema: v.object({ team_members: v.array(TeamMemberObject), links: pageLinks }),
  },
  handle: async (request, { query }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const page = await listPage<TeamMemberRow>(
      db,
      { table: teamMembers, id: teamMembers.id, createdAt: teamMembers.createdAt },
      eq(teamMembers.serviceId, service.id),
      query,
    );
    return json({ team_members: page.rows.map(teamMemberObject), links: pageLinksFor(request.url, page) });
  },
});
