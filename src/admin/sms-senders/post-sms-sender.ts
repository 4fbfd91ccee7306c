/** POST /services/{service_id}/sms-senders {sms_sender, is_default?, inbound_number?} → 201 sender (`id` = sms_sender_id). */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { flag, smsSender } from "../shared/fields";
import { adminMeta } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { createSmsSender, SmsSenderObject } from "./create-sms-sender";

const PostSmsSender = v.object({
  sms_sender: smsSender,
  is_default: v.optional(flag),
  inbound_number: v.optional(flag),
});

export const createSmsSenderOperation = adminOperation({
  operationId: "create-sms-sender",
  method: "post",
  path: "/services/{service_id}/sms-senders",
  tag: "senders",
  summary: "Add an SMS sender (an inbound number receives replies for this service)",
  body: PostSmsSender,
  query: v.object(serviceScopeQuery),
  ok: { status: 201, description: "The sender", schema: SmsSenderObject },
  handle: async (request, { body }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    return json(await changeService(service.id, () => createSmsSender(db, service, body, adminMeta(request))), 201);
  },
});
