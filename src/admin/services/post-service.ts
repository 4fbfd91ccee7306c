/** POST /services → 201 service object; omitted settings come from the deployment config. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { adminMeta } from "../shared/request";
import { createService } from "./create-service";
import { optionalServiceSettings, serviceSettings } from "./service-fields";
import { ServiceObject } from "./service-object";

const PostService = v.object({
  organisation_id: v.string("is not of type string"),
  ...optionalServiceSettings,
  name: serviceSettings.name,
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
