/** GET /organisations/{organisation_id} → 200 organisation object; unknown or not a UUID → 404. */
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { findOrganisation } from "../shared/lookup";
import { pathParam } from "../shared/request";
import { OrganisationObject, organisationObject } from "./create-organisation";

export const getOrganisationOperation = adminOperation({
  operationId: "get-organisation",
  method: "get",
  path: "/organisations/{organisation_id}",
  tag: "organisations",
  summary: "Get an organisation",
  ok: { status: 200, description: "The organisation", schema: OrganisationObject },
  handle: async (request) => json(organisationObject(await findOrganisation(request.services.db, pathParam(request, "organisation_id")))),
});
