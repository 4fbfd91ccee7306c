/** POST /services/{service_id}/team-members {email_address?, phone_number?} → 201 team member. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { lowerEmailAddress, phoneNumber } from "../shared/fields";
import { adminMeta } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { createTeamMember, TeamMemberObject } from "./create-team-member";

const PostTeamMember = v.object({
  email_address: v.optional(lowerEmailAddress),
  phone_number: v.optional(phoneNumber),
});

export const createTeamMemberOperation = adminOperation({
  operationId: "create-team-member",
  method: "post",
  path: "/services/{service_id}/team-members",
  tag: "team-members",
  summary: "Add a team member (trial mode and team keys may send only to team members)",
  body: PostTeamMember,
  query: v.object(serviceScopeQuery),
  ok: { status: 201, description: "The team member", schema: TeamMemberObject },
  handle: async (request, { body }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    return json(await changeService(service.id, () => createTeamMember(db, service, body, adminMeta(request))), 201);
  },
});
