/**
 * ReceiptWriter: group commit for delivery receipts. CM.com posts one report per HTTP request, and a
 * D1 write per report was the pipeline's largest cost (measured: ~250 receipts/s on 2 cores under
 * wrangler dev). Webhook requests hand their receipts to one of RECEIPT_SHARDS writers and answer
 * 200 once the group they joined is written; one D1 batch then carries many receipts.
 * Stateless apart from the in-flight group, so any instance can be evicted at any time.
 */
import { DurableObject } from "cloudflare:workers";
import { GroupCommitter } from "../gate/group-commit";
import { appContext } from "../http/context";
import { processReceipts } from "../notifications/process-receipt";
import type { ProviderReceipt } from "../providers/outcome";
import type { CallbackQueue } from "../service-callbacks/enqueue";

/** Writers share the load by reference; more shards, more parallel D1 writes. */
export const RECEIPT_SHARDS = 4;
const GROUP_LINGER_MS = 10;
const MAX_GROUP = 500;

export class ReceiptWriter extends DurableObject<Env> {
  #commits = new GroupCommitter<ProviderReceipt>(
    async (receipts) => {
      const app = appContext(this.env);
      await processReceipts({ db: app.db, callbacks: this.env.CALLBACKS_QUEUE as unknown as CallbackQueue }, receipts, Date.now());
    },
    MAX_GROUP,
    GROUP_LINGER_MS,
  );

  /** Applies the receipts (idempotent status transitions); resolves once they are written. */
  async apply(receipts: ProviderReceipt[]): Promise<void> {
    await this.#commits.add(receipts);
  }
}

/** The writer for a receipt, chosen by its reference so duplicates of one report meet in one place. */
export function receiptWriterFor(namespace: DurableObjectNamespace<ReceiptWriter>, reference: string): DurableObjectStub<ReceiptWriter> {
  let hash = 0;
  for (let i = 0; i < reference.length; i++) hash = (hash * 31 + reference.charCodeAt(i)) >>> 0;
  return namespace.getByName(`receipts-${hash % RECEIPT_SHARDS}`);
}
