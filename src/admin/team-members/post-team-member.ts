/** POST /admin/services/{service_id}/team-members {email_address?, phone_number?} → 201 team member. */
import * as v from "valibot";
import { type AppRequest, json } from "../../http/app-request";
import { lowerEmailAddress, phoneNumber } from "../shared/fields";
import { findService } from "../shared/lookup";
import { adminMeta, organisationScope, pathParam, readBody } from "../shared/request";
import { changeService } from "../shared/service-change";
import { createTeamMember } from "./create-team-member";

const PostTeamMember = v.object({
  email_address: v.optional(lowerEmailAddress),
  phone_number: v.optional(phoneNumber),
});

export async function postTeamMember(request: AppRequest): Promise<Response> {
  const { db } = request.services;
  const service = await findService(db, pathParam(request, "service_id"), organisationScope(request));
  const body = await readBody(request, PostTeamMember);
  return json(await changeService(service.id, () => createTeamMember(db, service, body, adminMeta(request))), 201);
}
