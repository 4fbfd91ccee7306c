/** POST /services/{service_id}/email-reply-to {email_address, is_default?} → 201 (`id` = email_reply_to_id). */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { emailAddress, flag } from "../shared/fields";
import { adminMeta } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { createEmailReplyTo, EmailReplyToObject } from "./create-email-reply-to";

const PostEmailReplyTo = v.object({ email_address: emailAddress, is_default: v.optional(flag) });

export const createReplyToOperation = adminOperation({
  operationId: "create-reply-to",
  method: "post",
  path: "/services/{service_id}/email-reply-to",
  tag: "senders",
  summary: "Add an email reply-to address",
  body: PostEmailReplyTo,
  query: v.object(serviceScopeQuery),
  ok: { status: 201, description: "The reply-to address", schema: EmailReplyToObject },
  handle: async (request, { body }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    return json(await changeService(service.id, () => createEmailReplyTo(db, service, body, adminMeta(request))), 201);
  },
});
