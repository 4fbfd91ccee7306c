/**
 * Delivery receipts → status changes. CM.com's webhook and both simulators end here, so a
 * simulated receipt exercises exactly the code a real one does. Receipts are idempotent: a
 * duplicate, an out-of-order intermediate, or a report for a final notification is a no-op.
 */
import { inArray } from "drizzle-orm";
import { D1_IN_LIST_MAX } from "../db/platform-limits";
import { notifications } from "../db/schema";
import { log } from "../lib/log";
import type { ProviderReceipt } from "../providers/outcome";
import { notificationIdFromReference } from "../providers/sms/cm-types";
import { changeStatusBatch, type StatusDeps } from "./statuses";

/**
 * Applies many receipts in one D1 batch (a ReceiptWriter group, or the simulators' receipts for a
 * dispatch batch). Receipts that changed nothing are looked up in one query, only to log the ones
 * that match no notification.
 */
export async function processReceipts(deps: StatusDeps, receipts: readonly ProviderReceipt[], now: number): Promise<number> {
  const changes = receipts.flatMap((r) => {
    const notificationId = notificationIdFromReference(r.reference);
    if (!notificationId) log.warn("receipt_unknown_reference", { reason: "not_a_notification_reference" });
    const reportedBy = { provider: r.provider, channel: r.channel };
    return notificationId
      ? [
          {
            notificationId,
            next: r.status,
            source: "provider" as const,
            fields: { providerResponse: r.providerResponse ?? null, providerStatus: r.providerStatus ?? null },
            reportedBy,
          },
        ]
      : [];
  });
  const applied = await changeStatusBatch(deps, changes, now);
  const appliedIds = new Set(applied.map((a) => a.notificationId));
  const unapplied = [...new Set(changes.map((c) => c.notificationId).filter((id) => !appliedIds.has(id)))];
  if (unapplied.length > 0) {
    const known = new Set<string>();
    for (let i = 0; i < unapplied.length; i += D1_IN_LIST_MAX) {
      const rows = await deps.db
        .select({ id: notifications.id })
        .from(notifications)
        .where(inArray(notifications.id, unapplied.slice(i, i + D1_IN_LIST_MAX)));
      for (const row of rows) known.add(row.id);
    }
    for (const id of unapplied) {
      if (known.has(id)) log.info("receipt_ignored", { notification_id: id });
      else log.warn("receipt_unknown_reference", { notification_id: id });
    }
  }
  return applied.length;
}
