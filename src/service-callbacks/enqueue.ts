/**
 * Producer side of the `callbacks` queue. Messages carry ids only; the consumer reads the row and
 * the service's callback settings when it sends, so a token rotated in between is honoured.
 * Only services that have the callback configured get messages, so a 10,000-message bulk send to a
 * service without callbacks costs one query, not 10,000 queue messages.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/database";
import { D1_IN_LIST_MAX, QUEUE_SEND_BATCH_MAX } from "../db/platform-limits";
import { serviceCallbacks } from "../db/schema";
import type { CallbackMessage, CallbackQueue } from "../queues/queue-messages";

/** Storage (to see which services have a callback) and the queue. */
export interface CallbackEnqueueDeps {
  db: Db;
  callbackQueue: CallbackQueue;
}

/** Enqueues a delivery-status callback for each notification whose service has one configured. */
export async function enqueueDeliveryCallbacks(
  deps: CallbackEnqueueDeps,
  changed: readonly { notificationId: string; serviceId: string }[],
): Promise<number> {
  const configured = await servicesWithCallback(deps.db, "delivery_status", [...new Set(changed.map((c) => c.serviceId))]);
  const messages = changed
    .filter((c) => configured.has(c.serviceId))
    .map((c) => ({ body: { kind: "delivery_status", notificationId: c.notificationId } satisfies CallbackMessage }));
  await sendAll(deps.callbackQueue, messages);
  return messages.length;
}

/** Enqueues the inbound-SMS callback for a received text, when its service has one configured. */
export async function enqueueInboundCallback(deps: CallbackEnqueueDeps, receivedTextId: string, serviceId: string): Promise<boolean> {
  const configured = await servicesWithCallback(deps.db, "inbound_sms", [serviceId]);
  if (!configured.has(serviceId)) return false;
  await deps.callbackQueue.sendBatch([{ body: { kind: "inbound_sms", receivedTextId } }]);
  return true;
}

async function servicesWithCallback(db: Db, type: "delivery_status" | "inbound_sms", serviceIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < serviceIds.length; i += D1_IN_LIST_MAX) {
    const rows = await db
      .select({ serviceId: serviceCallbacks.serviceId })
      .from(serviceCallbacks)
      .where(and(eq(serviceCallbacks.callbackType, type), inArray(serviceCallbacks.serviceId, serviceIds.slice(i, i + D1_IN_LIST_MAX))));
    for (const row of rows) found.add(row.serviceId);
  }
  return found;
}

async function sendAll(queue: CallbackQueue, messages: MessageSendRequest<CallbackMessage>[]): Promise<void> {
  for (let i = 0; i < messages.length; i += QUEUE_SEND_BATCH_MAX) await queue.sendBatch(messages.slice(i, i + QUEUE_SEND_BATCH_MAX));
}
