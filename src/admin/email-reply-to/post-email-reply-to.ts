/** POST /admin/services/{service_id}/email-reply-to {email_address, is_default?} → 201 (`id` = email_reply_to_id). */
import * as v from "valibot";
import { type AppRequest, json } from "../../http/app-request";
import { emailAddress, flag } from "../shared/fields";
import { findService } from "../shared/lookup";
import { adminMeta, organisationScope, pathParam, readBody } from "../shared/request";
import { changeService } from "../shared/service-change";
import { createEmailReplyTo } from "./create-email-reply-to";

const PostEmailReplyTo = v.object({ email_address: emailAddress, is_default: v.optional(flag) });

export async function postEmailReplyTo(request: AppRequest): Promise<Response> {
  const { db } = request.services;
  const service = await findService(db, pathParam(request, "service_id"), organisationScope(request));
  const body = await readBody(request, PostEmailReplyTo);
  return json(await changeService(service.id, () => createEmailReplyTo(db, service, body, adminMeta(request))), 201);
}
