/** GET /services/{service_id}/email-reply-to[?pageSize=&after=] → 200 {email_reply_to: [address], links}, oldest first. */
import { eq } from "drizzle-orm";
import * as v from "valibot";
import { emailReplyTo } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pageLinks } from "../shared/object-fields";
import { listPage, pageLinksFor, pageQuery } from "../shared/paging";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { EmailReplyToObject, type EmailReplyToRow, emailReplyToObject } from "./create-email-reply-to";

export const listReplyTosOperation = adminOperation({
  operationId: "list-reply-tos",
  method: "get",
  path: "/services/{service_id}/email-reply-to",
  tag: "senders",
  summary: "List a service's email reply-to addresses, oldest first",
  query: v.object({ ...serviceScopeQuery, ...pageQuery }),
  ok: {
    status: 200,
    description: "A page of reply-to addresses",
    schema: v.object({ email_reply_to: v.array(EmailReplyToObject), links: pageLinks }),
  },
  handle: async (request, { query }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const page = await listPage<EmailReplyToRow>(
      db,
      { table: emailReplyTo, id: emailReplyTo.id, createdAt: emailReplyTo.createdAt },
      eq(emailReplyTo.serviceId, service.id),
      query,
    );
    return json({ email_reply_to: page.rows.map(emailReplyToObject), links: pageLinksFor(request.url, page) });
  },
});
