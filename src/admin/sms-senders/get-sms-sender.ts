/** GET /services/{service_id}/sms-senders/{sms_sender_id} → 200 sender. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pathParam } from "../shared/request";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { SmsSenderObject, smsSenderObject } from "./create-sms-sender";
import { findSmsSender } from "./find-sms-sender";

export const getSmsSenderOperation = adminOperation({
  operationId: "get-sms-sender",
  method: "get",
  path: "/services/{service_id}/sms-senders/{sms_sender_id}",
  tag: "senders",
  summary: "Get one SMS sender",
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The sender", schema: SmsSenderObject },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    return json(smsSenderObject(await findSmsSender(db, service.id, pathParam(request, "sms_sender_id"))));
  },
});
