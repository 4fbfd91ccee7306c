/** POST /organisations {name, send_rate_per_minute?} → 201 organisation object. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { integer, text } from "../shared/fields";
import { adminMeta } from "../shared/request";
import { createOrganisation, OrganisationObject } from "./create-organisation";

const PostOrganisation = v.object({
  name: text(255),
  send_rate_per_minute: v.optional(integer(1, 10_000_000)),
});

export const createOrganisationOperation = adminOperation({
  operationId: "create-organisation",
  method: "post",
  path: "/organisations",
  tag: "organisations",
  summary: "Create an organisation",
  body: PostOrganisation,
  ok: { status: 201, description: "The organisation", schema: OrganisationObject },
  handle: async (request, { body }) => json(await createOrganisation(request.services.db, body, adminMeta(request)), 201),
});
