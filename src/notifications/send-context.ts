/**
 * Everything about the sender side of a message that is the same for every recipient: the template,
 * the sender (SMS sender or email reply-to), and who a team key or trial service may send to.
 * Loaded once per API call (or once per bulk job) so per-recipient work needs no I/O.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/database";
import { emailReplyTo, smsSenders, teamMembers } from "../db/schema";
import { Errors } from "../errors";
import type { Channel, KeyType } from "../gate/types";
import { loadOptOuts, type OptOuts, withAllOptOuts } from "./opt-outs";
import { cached, serviceCaches } from "./service-cache";
import { findTemplate, type TemplateRow } from "./templates";

export interface SendingService {
  id: string;
  organisationId: string;
  restricted: boolean;
  smsSender: string;
  permissions: string[];
}

export interface SendContext {
  service: SendingService;
  keyType: KeyType;
  channel: Channel;
  template: TemplateRow;
  /** SMS: sender text (from_number); email: reply-to address or null. */
  senderText: string | null;
  /** Recipients a team key or trial-mode service may send to; null when unrestricted. */
  allowedRecipients: Set<string> | null;
  /** The channel's opted-out recipients (opt-outs.ts): whether there are any, and for bulk jobs the list. */
  optOuts: OptOuts;
}

const CHANNEL_NAMES: Record<Channel, string> = { sms: "text messages", email: "emails" };

export async function loadSendContext(
  db: Db,
  input: {
    service: SendingService;
    keyType: KeyType;
    channel: Channel;
    templateId: string;
    senderId?: string | null;
    /** Bulk jobs: load the whole opt-out list (if any) so rows are checked without a lookup each. */
    optOutList?: boolean;
  },
): Promise<SendContext> {
  const { service, channel, keyType } = input;
  if (!service.permissions.includes(channel)) throw Errors.badRequest(`Service is not allowed to send ${CHANNEL_NAMES[channel]}`);
  const template = await cached<TemplateRow | null>(serviceCaches.templates, `${service.id}:${input.templateId}`, () =>
    findTemplate(db, service.id, input.templateId),
  );
  if (!template) throw Errors.templateNotFound();
  if (template.type !== channel) throw Errors.badRequest(`${template.type} template is not suitable for ${channel} notification`);
  if (template.archived) throw Errors.badRequest("Template has been deleted");

  const [senderText, allowedRecipients, optOuts] = await Promise.all([
    channel === "sms" ? smsSenderText(db, service, input.senderId) : replyToAddress(db, service.id, input.senderId),
    needsAllowList(service, keyType) ? teamRecipients(db, service.id) : Promise.resolve(null),
    loadOptOuts(db, service.id, channel).then((optOuts) => (input.optOutList ? withAllOptOuts(db, service.id, channel, optOuts) : optOuts)),
  ]);
  return { service, keyType, channel, template, senderText, allowedRecipients, optOuts };
}

/** Team keys, and live keys of a trial-mode service, may only send to team members. Test keys may send anywhere. */
function needsAllowList(service: SendingService, keyType: KeyType): boolean {
  return keyType === "team" || (keyType === "normal" && service.restricted);
}

async function smsSenderText(db: Db, service: SendingService, senderId: string | null | undefined): Promise<string> {
  const rows = await cached(serviceCaches.senders, `${service.id}:sms`, () =>
    db.select().from(smsSenders).where(eq(smsSenders.serviceId, service.id)),
  );
  if (senderId) {
    const row = rows.find((r) => r.id === senderId);
    if (!row) throw Errors.badRequest(`sms_sender_id ${senderId} does not exist in database for service id ${service.id}`);
    return row.smsSender;
  }
  return rows.find((r) => r.isDefault)?.smsSender ?? service.smsSender;
}

async function replyToAddress(db: Db, serviceId: string, replyToId: string | null | undefined): Promise<string | null> {
  const rows = await cached(serviceCaches.senders, `${serviceId}:reply-to`, () =>
    db.select().from(emailReplyTo).where(eq(emailReplyTo.serviceId, serviceId)),
  );
  if (replyToId) {
    const row = rows.find((r) => r.id === replyToId);
    if (!row) throw Errors.badRequest(`email_reply_to_id ${replyToId} does not exist in database for service id ${serviceId}`);
    return row.emailAddress;
  }
  return rows.find((r) => r.isDefault)?.emailAddress ?? null;
}

async function teamRecipients(db: Db, serviceId: string): Promise<Set<string>> {
  const rows = await cached(serviceCaches.senders, `${serviceId}:team`, () =>
    db.select().from(teamMembers).where(eq(teamMembers.serviceId, serviceId)),
  );
  const allowed = new Set<string>();
  for (const row of rows) {
    if (row.emailAddress) allowed.add(row.emailAddress.toLowerCase());
    if (row.phoneNumber) allowed.add(row.phoneNumber);
  }
  return allowed;
}
