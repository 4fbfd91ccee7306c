/** POST /admin/services → 201 service object; omitted settings come from the deployment config. */
import * as v from "valibot";
import { type AppRequest, json } from "../../http/app-request";
import { emailAddress, flag, integer, oneOf, smsSender, text } from "../shared/fields";
import { adminMeta, readBody } from "../shared/request";
import { createService, SERVICE_PERMISSIONS } from "./create-service";

const PostService = v.object({
  organisation_id: v.string("is not of type string"),
  name: text(255),
  restricted: v.optional(flag),
  sms_sender: v.optional(smsSender),
  email_from: v.optional(emailAddress),
  rate_limit: v.optional(integer(1, 1_000_000)),
  sms_daily_limit: v.optional(integer(0, 100_000_000)),
  email_daily_limit: v.optional(integer(0, 100_000_000)),
  retention_days: v.optional(integer(3, 90)),
  permissions: v.optional(v.array(oneOf(SERVICE_PERMISSIONS), "is not of type array")),
});

export async function postService(request: AppRequest): Promise<Response> {
  const body = await readBody(request, PostService);
  const service = await createService(request.services.db, request.services.config, body, adminMeta(request));
  return json(service, 201);
}
