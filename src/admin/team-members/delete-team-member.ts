/** DELETE /services/{service_id}/team-members/{member_id} → 204; the member's details are deleted. */
import * as v from "valibot";
import { adminOperation } from "../admin-operation";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { removeTeamMember } from "./remove-team-member";

export const deleteTeamMemberOperation = adminOperation({
  operationId: "delete-team-member",
  method: "delete",
  path: "/services/{service_id}/team-members/{member_id}",
  tag: "team-members",
  summary: "Remove a team member (their contact details are deleted)",
  query: v.object(serviceScopeQuery),
  ok: { status: 204, description: "Removed" },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    await changeService(service.id, () => removeTeamMember(db, service, pathParam(request, "member_id"), adminMeta(request)));
    return new Response(null, { status: 204 });
  },
});
