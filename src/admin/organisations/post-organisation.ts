/** POST /organisations {name, send_rate_per_minute?} → 201 organisation object. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { integer, text } from "../shared/fields";
import { adminMeta } from "../shared/request";
import { createOrganisation, OrganisationObject } from "./create-organisation";

/** Shared with PATCH, so a name or rate refused at creation is refused when changed too. */
export const organisationName = text(255);
export const sendRate = integer(1, 10_000_000);

const PostOrganisation = v.object({
  name: organisationName,
  send_rate_per_minute: v.optional(sendRate),
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
