/**
 * POST /v2/notifications/bulk (GC Notify's bulk endpoint): JSON with `rows` or `csv`, or a
 * multipart upload of a .csv/.xlsx `file`. Every row is validated and the whole job admitted against
 * the daily limit before anything is stored; 201 {"data": <job>} in GC's job shape.
 */

import { Errors } from "../../../errors";
import { type AppRequest, json } from "../../../http/app-request";
import { jobBody } from "../../../jobs/job-body";
import { submitJob } from "../../../jobs/submit-job";
import { parseScheduledFor } from "../../../notifications/scheduling";
import { loadSendContext } from "../../../notifications/send-context";
import { authenticate } from "../authenticate";
import { readBulkInput } from "./bulk-input";

/** Handler of POST /v2/notifications/bulk. */
export async function postBulk(request: AppRequest): Promise<Response> {
  const { services } = request;
  const { service, apiKey } = await authenticate(request);
  const input = await readBulkInput(request);
  const now = services.clock.now();
  const scheduledFor = parseScheduledFor(input.scheduledFor, now);
  const template = await services.db.query.templates.findFirst({
    columns: { type: true },
    where: (t, { and, eq }) => and(eq(t.id, input.templateId), eq(t.serviceId, service.id)),
  });
  if (!template) throw Errors.templateNotFound();
  const channel = template.type;
  // loadSendContext gives Notify's errors (template not found, channel permission, unknown sender).
  const context = await loadSendContext(services.db, {
    service,
    keyType: apiKey.keyType,
    channel,
    templateId: input.templateId,
    senderId: input.replyToId,
    optOutList: true,
  });
  const table = await input.readTable();
  const job = await submitJob(
    { db: services.db, gate: services.gateFor(service.organisationId), jobQueue: services.jobQueue, now },
    context,
    {
      name: input.name,
      reference: input.reference,
      senderId: input.replyToId,
      apiKeyId: apiKey.id,
      rateLimit: service.rateLimit,
      dailyLimit: channel === "sms" ? service.smsDailyLimit : service.emailDailyLimit,
      scheduledFor,
      table,
    },
  );
  return json({ data: jobBody(job, { serviceName: service.name, apiKey }) }, 201);
}
