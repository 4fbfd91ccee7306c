/**
 * Claimed rows → provider messages. Email is rendered again at send time from the stored subject
 * and filled-in markdown body (what the API returned): the row keeps one copy of the content,
 * and renderEmail leaves text that merely looks like a placeholder untouched, so the result is
 * the same HTML and text the API previewed.
 */
import type { services } from "../db/schema";
import { sendableEmailAddress } from "../notifications/recipients";
import { renderEmail } from "../notifications/render/email";
import type { EmailMessage } from "../providers/email/email-provider";
import type { SmsMessage } from "../providers/sms/sms-provider";
import type { NotificationRow } from "./claim";

/** The service columns a send needs. */
export type ServiceRow = Pick<typeof services.$inferSelect, "id" | "smsSender" | "emailFrom" | "active">;

/** The SMS message for a claimed row; the sender is the row's, else the service's default. */
export function smsMessage(row: NotificationRow, service: ServiceRow): SmsMessage {
  return {
    notificationId: row.id,
    to: row.normalisedTo,
    normalisedTo: row.normalisedTo,
    from: row.senderText || service.smsSender,
    body: row.body,
    billableUnits: row.billableUnits,
  };
}

/** The email message for a claimed row: From is the service's, Reply-To the row's sender text. */
export function emailMessage(row: NotificationRow, service: ServiceRow): EmailMessage {
  const rendered = renderEmail({ subject: row.subject ?? "", body: row.body }, {}, { oneClickUnsubscribeUrl: row.oneClickUnsubscribeUrl });
  return {
    notificationId: row.id,
    to: sendableEmailAddress(row.to),
    normalisedTo: row.normalisedTo,
    from: service.emailFrom,
    replyTo: row.senderText,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    oneClickUnsubscribeUrl: row.oneClickUnsubscribeUrl,
  };
}
