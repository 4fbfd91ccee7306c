/** PATCH /services/{service_id}/email-reply-to/{reply_to_id} {email_address?, is_default?} → 200 reply-to address. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { emailAddress, flag } from "../shared/fields";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { EmailReplyToObject } from "./create-email-reply-to";
import { updateEmailReplyTo } from "./update-email-reply-to";

const PatchEmailReplyTo = v.object({ email_address: v.optional(emailAddress), is_default: v.optional(flag) });

export const updateReplyToOperation = adminOperation({
  operationId: "update-reply-to",
  method: "patch",
  path: "/services/{service_id}/email-reply-to/{reply_to_id}",
  tag: "senders",
  summary: "Change an email reply-to address, or make it the default",
  description:
    "`is_default: true` moves the default to this address. The default cannot be un-set (`is_default: false` on it is a 400): " +
    "make another address the default instead.",
  body: PatchEmailReplyTo,
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The reply-to address as changed", schema: EmailReplyToObject },
  handle: async (request, { body }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const replyToId = pathParam(request, "reply_to_id");
    return json(await changeService(service.id, () => updateEmailReplyTo(db, service, replyToId, body, adminMeta(request))));
  },
});
