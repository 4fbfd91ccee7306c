/**
 * Sends claimed rows through their providers and collects one outcome per row. Never throws for a
 * provider problem: an unexpected error becomes a retry outcome, so the claim is released.
 */
import { eq } from "drizzle-orm";
import type { Services } from "../app/services";
import { services } from "../db/schema";
import { errorFields, log } from "../lib/log";
import { cached, serviceCaches } from "../notifications/service-cache";
import type { EmailMessage, EmailProvider } from "../providers/email/email-provider";
import type { SendOutcome, SendResult } from "../providers/outcome";
import type { SmsProvider } from "../providers/sms/sms-provider";
import type { NotificationRow } from "./claim";
import { emailMessage, type ServiceRow, smsMessage } from "./provider-messages";
import { emailProviderFor, smsProviderFor } from "./providers";

/** SMTP sessions open at once (Workers: at most six simultaneous outgoing connections). */
const EMAIL_CONCURRENCY = 4;

/** One outcome per claimed row: SMS grouped per provider (one request), email one by one. */
export async function sendClaimed(deps: Pick<Services, "db" | "providers">, rows: NotificationRow[]): Promise<SendResult> {
  const serviceById = new Map<string, ServiceRow | null>();
  for (const serviceId of new Set(rows.map((r) => r.serviceId))) {
    // Cached like the API's service reads (5 s); a batch is usually one service.
    const service = await cached<ServiceRow | null>(serviceCaches.credentials, `${serviceId}:dispatch`, async () => {
      const [found] = await deps.db
        .select({ id: services.id, smsSender: services.smsSender, emailFrom: services.emailFrom, active: services.active })
        .from(services)
        .where(eq(services.id, serviceId));
      return found ?? null;
    });
    serviceById.set(serviceId, service);
  }

  const result: SendResult = { outcomes: [], receipts: [] };
  const smsGroups = new Map<SmsProvider, { row: NotificationRow; service: ServiceRow }[]>();
  const emails: { row: NotificationRow; service: ServiceRow; provider: EmailProvider }[] = [];
  for (const row of rows) {
    const service = serviceById.get(row.serviceId);
    if (!service?.active) {
      // Notify: a message of an inactive service is a technical failure at once.
      result.outcomes.push({ kind: "failed", notificationId: row.id, reason: "service_inactive" });
    } else if (row.notificationType === "sms") {
      const provider = smsProviderFor(deps.providers, row.keyType);
      smsGroups.set(provider, [...(smsGroups.get(provider) ?? []), { row, service }]);
    } else {
      emails.push({ row, service, provider: emailProviderFor(deps.providers, row.keyType) });
    }
  }
  for (const [provider, group] of smsGroups) merge(result, await sendSms(provider, group));
  const queue = [...emails];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) merge(result, await sendEmail(item.provider, item.row, item.service));
  };
  await Promise.all(Array.from({ length: Math.min(EMAIL_CONCURRENCY, queue.length) }, worker));
  return result;
}

async function sendSms(provider: SmsProvider, group: { row: NotificationRow; service: ServiceRow }[]): Promise<SendResult> {
  try {
    return await provider.sendBatch(group.map(({ row, service }) => smsMessage(row, service)));
  } catch (error) {
    log.error("sms_provider_error", { provider: provider.name, messages: group.length, ...errorFields(error) });
    return { outcomes: group.map(({ row }) => retry(row.id, "provider_error")), receipts: [] };
  }
}

async function sendEmail(provider: EmailProvider, row: NotificationRow, service: ServiceRow): Promise<SendResult> {
  let message: EmailMessage;
  try {
    message = emailMessage(row, service);
  } catch (error) {
    log.error("email_render_failed", { notification_id: row.id, ...errorFields(error) });
    return { outcomes: [{ kind: "failed", notificationId: row.id, reason: "render_failed" }], receipts: [] };
  }
  try {
    return await provider.send(message);
  } catch (error) {
    log.error("email_provider_error", { provider: provider.name, notification_id: row.id, ...errorFields(error) });
    return { outcomes: [retry(row.id, "provider_error")], receipts: [] };
  }
}

function retry(notificationId: string, reason: string): SendOutcome {
  return { kind: "retry", notificationId, reason };
}

function merge(into: SendResult, from: SendResult): void {
  into.outcomes.push(...from.outcomes);
  into.receipts.push(...from.receipts);
}
