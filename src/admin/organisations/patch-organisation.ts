/**
 * PATCH /organisations/{organisation_id} any of {name, send_rate_per_minute} → 200 organisation
 * object. A send rate of null returns the organisation to the deployment default.
 */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { adminMeta, pathParam } from "../shared/request";
import { OrganisationObject } from "./create-organisation";
import { organisationName, sendRate } from "./post-organisation";
import { applySendRate } from "./send-rate-change";
import { updateOrganisation } from "./update-organisation";

const PatchOrganisation = v.object({
  name: v.optional(organisationName),
  send_rate_per_minute: v.optional(v.nullable(sendRate)),
});

export const updateOrganisationOperation = adminOperation({
  operationId: "update-organisation",
  method: "patch",
  path: "/organisations/{organisation_id}",
  tag: "organisations",
  summary: "Change an organisation's name or send rate (null: the deployment default)",
  description:
    "Only the fields given are changed. A new send rate is handed to the organisation's OrgGate at once; " +
    "sends through other isolates may use the old rate for up to 5 seconds.",
  body: PatchOrganisation,
  ok: { status: 200, description: "The organisation as changed", schema: OrganisationObject },
  handle: async (request, { body }) => {
    const { services } = request;
    const update = await updateOrganisation(services.db, pathParam(request, "organisation_id"), body, adminMeta(request));
    if (update.sendRateChanged) await applySendRate(services, update.organisation.id, update.organisation.send_rate_per_minute);
    return json(update.organisation);
  },
});
