/** POST /admin/services/{service_id}/api-keys {name, key_type} → 201 key object with `key` (once). */
import * as v from "valibot";
import { type AppRequest, json } from "../../http/app-request";
import { oneOf, text } from "../shared/fields";
import { findService } from "../shared/lookup";
import { adminMeta, organisationScope, pathParam, readBody } from "../shared/request";
import { changeService } from "../shared/service-change";
import { KEY_TYPES } from "./api-key-object";
import { createApiKey } from "./create-api-key";

const PostApiKey = v.object({ name: text(255), key_type: oneOf(KEY_TYPES) });

export async function postApiKey(request: AppRequest): Promise<Response> {
  const { db, secrets } = request.services;
  const service = await findService(db, pathParam(request, "service_id"), organisationScope(request));
  const body = await readBody(request, PostApiKey);
  return json(await changeService(service.id, () => createApiKey(db, secrets, service, body, adminMeta(request))), 201);
}
