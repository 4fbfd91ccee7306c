/** GET /services/{service_id}/email-reply-to/{reply_to_id} → 200 reply-to address. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pathParam } from "../shared/request";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { EmailReplyToObject, emailReplyToObject } from "./create-email-reply-to";
import { findEmailReplyTo } from "./find-email-reply-to";

export const getReplyToOperation = adminOperation({
  operationId: "get-reply-to",
  method: "get",
  path: "/services/{service_id}/email-reply-to/{reply_to_id}",
  tag: "senders",
  summary: "Get one email reply-to address",
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The reply-to address", schema: EmailReplyToObject },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    return json(emailReplyToObject(await findEmailReplyTo(db, service.id, pathParam(request, "reply_to_id"))));
  },
});
