/** PUT /services/{service_id}/callbacks/{delivery-status|inbound-sms} {url, bearer_token} → 200 callback (no token). */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { CallbackObject, callbackTypeOf, setCallback } from "./set-callback";

const PutCallback = v.object({
  url: v.pipe(v.string("is not of type string"), v.trim(), v.maxLength(2048, "must be at most 2048 characters long")),
  // Notify's rule: at least 10 characters.
  bearer_token: v.pipe(
    v.string("is not of type string"),
    v.minLength(10, "is too short (minimum 10 characters)"),
    v.maxLength(1024, "must be at most 1024 characters long"),
    // It goes into an Authorization header: a CR, LF or other control character would break the request.
    v.regex(/^[!-~]+$/, "must contain only printable characters without spaces"),
  ),
});

export const setCallbackOperation = adminOperation({
  operationId: "set-callback",
  method: "put",
  path: "/services/{service_id}/callbacks/{callback_type}",
  tag: "callbacks",
  summary: "Set the delivery-status or inbound-sms callback (HTTPS; the bearer token is stored encrypted)",
  body: PutCallback,
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The callback, without its token", schema: CallbackObject },
  handle: async (request, { body }) => {
    const { db, secrets, config } = request.services;
    const service = await scopedService(request);
    const callbackType = callbackTypeOf(pathParam(request, "callback_type"));
    const options = { allowPrivateUrls: config.ALLOW_PRIVATE_CALLBACK_URLS };
    const meta = adminMeta(request);
    return json(await changeService(service.id, () => setCallback(db, secrets, options, service, callbackType, body, meta)));
  },
});
