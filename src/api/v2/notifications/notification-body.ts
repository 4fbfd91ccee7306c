/**
 * A notification as GET /v2/notifications/{id} and the list return it (Notify's
 * serialize_with_cost_data): every key present, nulls where empty, letter fields always null.
 */
import type { notifications } from "../../../db/schema";
import { formatTimestamp } from "../../../lib/time";

type NotificationRow = typeof notifications.$inferSelect;

/**
 * Price per SMS fragment for Notify's cost fields. Clients read `cost_in_pounds`; the name is kept for
 * compatibility and the number is in euro (roughly CM.com's Dutch list price).
 */
export const SMS_RATE = 0.07;
const COMPLETED = new Set(["delivered", "temporary-failure", "permanent-failure", "technical-failure", "sent", "cancelled"]);

export function notificationBody(origin: string, row: NotificationRow): Record<string, unknown> {
  const isSms = row.notificationType === "sms";
  const costReady = !isSms || row.status !== "created";
  const rateMultiplier = 1;
  return {
    id: row.id,
    reference: row.reference,
    email_address: isSms ? null : row.to,
    phone_number: isSms ? row.to : null,
    line_1: null,
    line_2: null,
    line_3: null,
    line_4: null,
    line_5: null,
    line_6: null,
    postcode: null,
    type: row.notificationType,
    status: row.status,
    template: {
      version: row.templateVersion,
      id: row.templateId,
      uri: `${origin}/v2/template/${row.templateId}/version/${row.templateVersion}`,
    },
    body: row.body,
    subject: isSms ? null : row.subject,
    created_at: formatTimestamp(row.createdAt),
    created_by_name: null,
    sent_at: formatTimestamp(row.sentAt),
    completed_at: COMPLETED.has(row.status) ? formatTimestamp(row.completedAt ?? row.updatedAt) : null,
    scheduled_for: formatTimestamp(row.scheduledFor),
    postage: null,
    one_click_unsubscribe_url: row.oneClickUnsubscribeUrl,
    is_cost_data_ready: costReady,
    cost_in_pounds: !costReady ? null : isSms ? round(row.billableUnits * SMS_RATE * rateMultiplier) : 0.0,
    cost_details:
      !costReady || !isSms
        ? {}
        : { billable_sms_fragments: row.billableUnits, international_rate_multiplier: rateMultiplier, sms_rate: SMS_RATE },
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
