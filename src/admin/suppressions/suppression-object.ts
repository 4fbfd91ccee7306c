/**
 * How a suppression (an opted-out recipient) appears in the admin API. The recipient is shown:
 * administrators need it to find a number or address someone asked about. It is never logged,
 * and audit rows name the suppression by id only.
 */
import * as v from "valibot";
import type { suppressions } from "../../db/schema";
import { formatTimestamp } from "../../lib/time";
import { id, timestamp } from "../shared/object-fields";

export type SuppressionRow = typeof suppressions.$inferSelect;
export const SUPPRESSION_CHANNELS = ["sms", "email"] as const satisfies readonly SuppressionRow["channel"][];

export const SuppressionObject = v.object({
  id,
  service_id: id,
  channel: v.picklist(SUPPRESSION_CHANNELS),
  recipient: v.pipe(v.string(), v.description("E.164 (+31612345678) for sms, lower-case for email")),
  source: v.pipe(v.picklist(["inbound", "admin"]), v.description("inbound: the recipient texted STOP; admin: added through this API")),
  created_at: timestamp,
});
export type SuppressionObject = v.InferOutput<typeof SuppressionObject>;

export function suppressionObject(row: SuppressionRow): SuppressionObject {
  return {
    id: row.id,
    service_id: row.serviceId,
    channel: row.channel,
    recipient: row.recipient,
    source: row.source,
    created_at: formatTimestamp(row.createdAt),
  };
}
