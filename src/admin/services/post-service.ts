/** POST /services → 201 service object; omitted settings come from the deployment config. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { emailAddress, flag, integer, oneOf, smsSender, text } from "../shared/fields";
import { adminMeta } from "../shared/request";
import { createService, SERVICE_PERMISSIONS } from "./create-service";
import { ServiceObject } from "./service-object";

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

export const createServiceOperation = adminOperation({
  operationId: "create-service",
  method: "post",
  path: "/services",
  tag: "services",
  summary: "Create a service of an organisation (in trial mode unless restricted is false)",
  body: PostService,
  ok: { status: 201, description: "The service", schema: ServiceObject },
  handle: async (request, { body }) =>
    json(await createService(request.services.db, request.services.config, body, adminMeta(request)), 201),
});
