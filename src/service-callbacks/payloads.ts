/**
 * The bodies organisations receive, exactly as GOV.UK Notify sends them:
 * all strings except template_version; timestamps in Notify's format.
 */
import type { notifications, receivedTexts } from "../db/schema";
import { formatTimestamp } from "../lib/time";

type NotificationRow = typeof notifications.$inferSelect;
type ReceivedTextRow = typeof receivedTexts.$inferSelect;

/** Notify's delivery-status callback body. */
export interface DeliveryStatusPayload {
  id: string;
  reference: string | null;
  to: string;
  status: string;
  created_at: string;
  completed_at: string | null;
  sent_at: string | null;
  notification_type: "sms" | "email";
  template_id: string;
  template_version: number;
  /** Extension, only when set: the fallback made after this notification failed for good. */
  fallback_notification_id?: string;
  /** Extension, only when set: the notification this one is the fallback of. */
  fallback_of?: string;
}

/** Notify's inbound-SMS callback body. */
export interface InboundSmsPayload {
  id: string;
  source_number: string;
  destination_number: string;
  message: string;
  date_received: string;
}

/** Notify's delivery-status callback body; `to` is the recipient as submitted. */
export function deliveryStatusPayload(row: NotificationRow): DeliveryStatusPayload {
  return {
    id: row.id,
    reference: row.reference,
    to: row.to,
    status: row.status,
    created_at: formatTimestamp(row.createdAt),
    // Notify sends the row's updated_at here; ours is the same moment for completed statuses.
    completed_at: formatTimestamp(row.completedAt ?? row.updatedAt),
    sent_at: formatTimestamp(row.sentAt),
    notification_type: row.notificationType,
    template_id: row.templateId,
    template_version: row.templateVersion,
    ...fallbackLinks(row),
  };
}

/** The fallback links (extension) of a row that has one; nothing for every other row. */
function fallbackLinks(row: NotificationRow): Pick<DeliveryStatusPayload, "fallback_notification_id" | "fallback_of"> {
  return {
    ...(row.fallbackNotificationId ? { fallback_notification_id: row.fallbackNotificationId } : {}),
    ...(row.fallbackOf ? { fallback_of: row.fallbackOf } : {}),
  };
}

/** Notify's inbound-SMS callback body. */
export function inboundSmsPayload(row: ReceivedTextRow): InboundSmsPayload {
  return {
    id: row.id,
    source_number: row.userNumber,
    destination_number: row.notifyNumber,
    message: row.content,
    date_received: formatTimestamp(row.createdAt),
  };
}
