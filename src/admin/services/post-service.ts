/** POST /services → 201 service object; omitted settings come from the deployment config. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { adminMeta } from "../shared/request";
import { createService } from "./create-service";
import { serviceSettings as s } from "./service-fields";
import { ServiceObject } from "./service-object";

const PostService = v.object({
  organisation_id: v.string("is not of type string"),
  name: s.name,
  restricted: v.optional(s.restricted),
  sms_sender: v.optional(s.sms_sender),
  email_from: v.optional(s.email_from),
  rate_limit: v.optional(s.rate_limit),
  sms_daily_limit: v.optional(s.sms_daily_limit),
  email_daily_limit: v.optional(s.email_daily_limit),
  retention_days: v.optional(s.retention_days),
  permissions: v.optional(s.permissions),
  retry_sms: v.optional(s.retry_sms),
  retry_email: v.optional(s.retry_email),
  retry_after_seconds: v.optional(s.retry_after_seconds),
  callback_history: v.optional(s.callback_history),
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
