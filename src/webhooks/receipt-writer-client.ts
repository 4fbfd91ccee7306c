/**
 * How webhook handlers reach the ReceiptWriter Durable Objects (receipt-writer.do.ts): by a
 * provider reference, so duplicates of one report always meet in the same writer.
 */
import type { ProviderReceipt } from "../providers/outcome";

export interface ReceiptWriterClient {
  /** Applies the receipts (idempotent status transitions); resolves once they are written. */
  apply(receipts: ProviderReceipt[]): Promise<void>;
}

export type ReceiptWriterFor = (reference: string) => ReceiptWriterClient;

/** Writers share the load by reference; more shards, more parallel D1 writes. */
export const RECEIPT_SHARDS = 4;

/** The name of the writer that owns a reference. */
export function receiptWriterName(reference: string): string {
  let hash = 0;
  for (let i = 0; i < reference.length; i++) hash = (hash * 31 + reference.charCodeAt(i)) >>> 0;
  return `receipts-${hash % RECEIPT_SHARDS}`;
}
