/** POST /services/{service_id}/api-keys {name, key_type} → 201 key object with `key` (once). */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { oneOf, text } from "../shared/fields";
import { adminMeta } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { ApiKeyObject, KEY_TYPES } from "./api-key-object";
import { createApiKey } from "./create-api-key";

const PostApiKey = v.object({ name: text(255), key_type: oneOf(KEY_TYPES) });

export const createApiKeyOperation = adminOperation({
  operationId: "create-api-key",
  method: "post",
  path: "/services/{service_id}/api-keys",
  tag: "api-keys",
  summary: "Create an API key; the key is in this response only",
  body: PostApiKey,
  query: v.object(serviceScopeQuery),
  ok: {
    status: 201,
    description: "The key, with `key`: the string a Notify client is configured with",
    schema: v.object({ ...ApiKeyObject.entries, key: v.pipe(v.string(), v.description("<name>-<service_id>-<secret>")) }),
  },
  handle: async (request, { body }) => {
    const { db, secrets } = request.services;
    const service = await scopedService(request);
    return json(await changeService(service.id, () => createApiKey(db, secrets, service, body, adminMeta(request))), 201);
  },
});
