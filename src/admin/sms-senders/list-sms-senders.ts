/** GET /services/{service_id}/sms-senders[?pageSize=&after=] → 200 {sms_senders: [sender], links}, oldest first. */
import { eq } from "drizzle-orm";
import * as v from "valibot";
import { smsSenders } from "../../db/schema";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pageLinks } from "../shared/object-fields";
import { listPage, pageLinksFor, pageQuery } from "../shared/paging";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { SmsSenderObject, type SmsSenderRow, smsSenderObject } from "./create-sms-sender";

export const listSmsSendersOperation = adminOperation({
  operationId: "list-sms-senders",
  method: "get",
  path: "/services/{service_id}/sms-senders",
  tag: "senders",
  summary: "List a service's SMS senders, oldest first",
  query: v.object({ ...serviceScopeQuery, ...pageQuery }),
  ok: {
    status: 200,
    description: "A page of SMS senders",
    schema: v.object({ sms_senders: v.array(SmsSenderObject), links: pageLinks }),
  },
  handle: async (request, { query }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const page = await listPage<SmsSenderRow>(
      db,
      { table: smsSenders, id: smsSenders.id, createdAt: smsSenders.createdAt },
      eq(smsSenders.serviceId, service.id),
      query,
    );
    return json({ sms_senders: page.rows.map(smsSenderObject), links: pageLinksFor(request.url, page) });
  },
});
