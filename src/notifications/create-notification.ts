/**
 * Creating one notification (POST /v2/notifications/sms|email) in two steps: prepare (pure), then
 * hand it to the organisation's OrgGate, which stores it durably (status created) and puts it in
 * its lane, all before the API answers 201. Scheduled notifications are stored but wait for the
 * release cron.
 */
import type { NotificationInsert } from "../db/insert-notifications";
import type { GateClient } from "../gate/gate-client";
import { type MessageInput, type PreparedMessage, prepareMessage } from "./prepare-message";
import type { SendContext } from "./send-context";

export interface CreateNotificationInput extends MessageInput {
  reference: string | null;
  apiKeyId: string;
  scheduledFor: number | null;
}

export interface CreatedNotification {
  id: string;
  templateVersion: number;
  message: PreparedMessage;
  senderText: string | null;
  oneClickUnsubscribeUrl: string | null;
}

/** Everything about a new notification that needs no write: rendering, checks, the row to store. */
export interface PreparedNotification {
  created: CreatedNotification;
  /** The row to store, or null for a smoke-test recipient (answered, never stored or sent). */
  row: NotificationInsert | null;
}

export function prepareNotification(context: SendContext, input: CreateNotificationInput, now: number): PreparedNotification {
  const message = prepareMessage(context, input);
  const id = crypto.randomUUID();
  const created = {
    id,
    templateVersion: context.template.version,
    message,
    senderText: context.senderText,
    oneClickUnsubscribeUrl: input.oneClickUnsubscribeUrl ?? null,
  };
  if (message.smokeTest) return { created, row: null };
  const { service, template } = context;
  return {
    created,
    row: {
      id,
      serviceId: service.id,
      organisationId: service.organisationId,
      templateId: template.id,
      templateVersion: template.version,
      notificationType: context.channel,
      keyType: context.keyType,
      apiKeyId: input.apiKeyId,
      to: message.to,
      normalisedTo: message.normalisedTo,
      international: message.international,
      personalisation: message.personalisation,
      body: message.body,
      subject: message.subject,
      reference: input.reference,
      senderText: context.senderText,
      oneClickUnsubscribeUrl: input.oneClickUnsubscribeUrl ?? null,
      lane: template.priority,
      billableUnits: message.billableUnits,
      scheduledFor: input.scheduledFor,
      createdAt: now,
    },
  };
}

/** Stores a prepared notification durably (group commit in the organisation's OrgGate) and queues it. */
export async function storeNotification(
  deps: { gate: GateClient; orgSendRate?: number },
  prepared: PreparedNotification,
): Promise<CreatedNotification> {
  if (prepared.row) await deps.gate.submit([prepared.row], deps.orgSendRate);
  return prepared.created;
}
