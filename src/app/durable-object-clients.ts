/**
 * Binds the Durable Object namespaces to the client interfaces domain code is written against.
 * The classes are named through Env (worker-configuration.d.ts), not imported, because they use
 * the composition root themselves.
 */
import type { GateFor } from "../gate/gate-client";
import { type ReceiptWriterFor, receiptWriterName } from "../webhooks/receipt-writer-client";

export function gateClientFor(namespace: Env["ORG_GATE"]): GateFor {
  return (organisationId) => {
    const stub = namespace.getByName(organisationId);
    return {
      admit: (request) => stub.admit(request),
      release: (serviceId, channel, day, count) => stub.release(serviceId, channel, day, count),
      enqueue: (items, sendRatePerMinute) => stub.enqueue(items, sendRatePerMinute),
      submit: (rows, sendRatePerMinute) => stub.submit(rows, sendRatePerMinute),
      stats: () => stub.stats(),
      dailyUsage: (serviceId) => stub.dailyUsage(serviceId),
    };
  };
}

export function receiptWriterClientFor(namespace: Env["RECEIPT_WRITER"]): ReceiptWriterFor {
  return (reference) => {
    const stub = namespace.getByName(receiptWriterName(reference));
    return { apply: (receipts) => stub.apply(receipts) };
  };
}
