/** POST /admin/organisations {name, send_rate_per_minute?} → 201 organisation object. */
import * as v from "valibot";
import { type AppRequest, json } from "../../http/app-request";
import { integer, text } from "../shared/fields";
import { adminMeta, readBody } from "../shared/request";
import { createOrganisation } from "./create-organisation";

const PostOrganisation = v.object({
  name: text(255),
  send_rate_per_minute: v.optional(integer(1, 10_000_000)),
});

export async function postOrganisation(request: AppRequest): Promise<Response> {
  const body = await readBody(request, PostOrganisation);
  return json(await createOrganisation(request.services.db, body, adminMeta(request)), 201);
}
