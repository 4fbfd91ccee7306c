/** POST /admin/services/{service_id}/sms-senders {sms_sender, is_default?, inbound_number?} → 201 sender (`id` = sms_sender_id). */
import * as v from "valibot";
import { type AppRequest, json } from "../../http/app-request";
import { flag, smsSender } from "../shared/fields";
import { findService } from "../shared/lookup";
import { adminMeta, organisationScope, pathParam, readBody } from "../shared/request";
import { changeService } from "../shared/service-change";
import { createSmsSender } from "./create-sms-sender";

const PostSmsSender = v.object({
  sms_sender: smsSender,
  is_default: v.optional(flag),
  inbound_number: v.optional(flag),
});

export async function postSmsSender(request: AppRequest): Promise<Response> {
  const { db } = request.services;
  const service = await findService(db, pathParam(request, "service_id"), organisationScope(request));
  const body = await readBody(request, PostSmsSender);
  return json(await changeService(service.id, () => createSmsSender(db, service, body, adminMeta(request))), 201);
}
