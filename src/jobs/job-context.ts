/**
 * The send context of a job when its chunks are expanded: the same loadSendContext as a single
 * send (service permissions, sender, team/trial allow-list), with the template pinned to the
 * version the job was submitted with, so editing the template mid-job changes nothing.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/database";
import { organisations, services } from "../db/schema";
import { Errors } from "../errors";
import { loadSendContext, type SendContext } from "../notifications/send-context";
import { findTemplateVersion } from "../notifications/templates";
import type { JobRow } from "./submit-job";

/** Everything the rows of one job share when expanded. */
export interface JobContext {
  context: SendContext;
  /** The organisation's send rate for the OrgGate, or null for the deployment default. */
  sendRatePerMinute: number | null;
}

/** Loads the context; throws an NotifyError when the job can no longer be sent (e.g. permission removed). */
export async function loadJobContext(db: Db, job: JobRow): Promise<JobContext> {
  const row = await db
    .select({ service: services, sendRate: organisations.sendRatePerMinute })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(eq(services.id, job.serviceId))
    .get();
  if (!row) throw Errors.badRequest("Service not found");
  const context = await loadSendContext(db, {
    service: row.service,
    keyType: job.keyType,
    channel: job.notificationType,
    templateId: job.templateId,
    senderId: job.senderId,
    // Rows of recipients who opted out after the job was accepted are skipped when it is expanded.
    optOutList: true,
  });
  const version = await findTemplateVersion(db, job.serviceId, job.templateId, job.templateVersion);
  if (!version) throw Errors.templateNotFound();
  return {
    context: { ...context, template: { ...context.template, subject: version.subject, body: version.body, version: version.version } },
    sendRatePerMinute: row.sendRate,
  };
}
