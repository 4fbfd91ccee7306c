/** DELETE /admin/services/{service_id}/team-members/{member_id} → 204; the member's details are deleted. */
import type { AppRequest } from "../../http/app-request";
import { findService } from "../shared/lookup";
import { adminMeta, organisationScope, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { removeTeamMember } from "./remove-team-member";

export async function deleteTeamMember(request: AppRequest): Promise<Response> {
  const { db } = request.services;
  const service = await findService(db, pathParam(request, "service_id"), organisationScope(request));
  await changeService(service.id, () => removeTeamMember(db, service, pathParam(request, "member_id"), adminMeta(request)));
  return new Response(null, { status: 204 });
}
