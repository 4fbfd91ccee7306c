/** PATCH /services/{service_id}/sms-senders/{sms_sender_id} {sms_sender?, is_default?} → 200 sender. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { flag, smsSender } from "../shared/fields";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { SmsSenderObject } from "./create-sms-sender";
import { updateSmsSender } from "./update-sms-sender";

const PatchSmsSender = v.object({ sms_sender: v.optional(smsSender), is_default: v.optional(flag) });

export const updateSmsSenderOperation = adminOperation({
  operationId: "update-sms-sender",
  method: "patch",
  path: "/services/{service_id}/sms-senders/{sms_sender_id}",
  tag: "senders",
  summary: "Change an SMS sender's text, or make it the default",
  description:
    "`is_default: true` moves the default to this sender. The default cannot be un-set (`is_default: false` on it is a 400): " +
    "make another sender the default instead. An inbound number's number cannot be changed.",
  body: PatchSmsSender,
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The sender as changed", schema: SmsSenderObject },
  handle: async (request, { body }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const senderId = pathParam(request, "sms_sender_id");
    return json(await changeService(service.id, () => updateSmsSender(db, service, senderId, body, adminMeta(request))));
  },
});
