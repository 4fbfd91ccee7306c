/**
 * Creating one notification (POST /v2/notifications/sms|email): prepare, then hand it to the
 * organisation's OrgGate, which stores it durably (status created) and puts it in its lane, all
 * before the API answers 201. Scheduled notifications are stored but wait for the release cron.
 */
import type { GateClient } from "../gate/client";
import { prepareMessage, type MessageInput, type PreparedMessage } from "./prepare-message";
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

export async function createNotification(
  deps: { gate: GateClient; now: number; orgSendRate?: number },
  context: SendContext,
  input: CreateNotificationInput,
): Promise<CreatedNotification> {
  const message = prepareMessage(context, input);
  const id = crypto.randomUUID();
  const created = {
    id,
    templateVersion: context.template.version,
    message,
    senderText: context.senderText,
    oneClickUnsubscribeUrl: input.oneClickUnsubscribeUrl ?? null,
  };
  if (message.smokeTest) return created;

  const { service, template } = context;
  // Stored durably (group commit in the organisation's OrgGate) before the API answers 201.
  await deps.gate.submit(
    [
      {
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
        personalisation: input.personalisation,
        body: message.body,
        subject: message.subject,
        reference: input.reference,
        senderText: context.senderText,
        oneClickUnsubscribeUrl: input.oneClickUnsubscribeUrl ?? null,
        lane: template.priority,
        billableUnits: message.billableUnits,
        scheduledFor: input.scheduledFor,
        createdAt: deps.now,
      },
    ],
    deps.orgSendRate,
  );
  return created;
}
