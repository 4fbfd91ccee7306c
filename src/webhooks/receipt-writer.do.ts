/**
 * ReceiptWriter: group commit for delivery receipts. CM.com posts one report per HTTP request, and a
 * D1 write per report was the pipeline's largest cost (docs/performance.md). Webhook requests hand
 * their receipts to one of RECEIPT_SHARDS writers (receipt-writer-client.ts) and answer 200 once
 * the group they joined is written; one D1 batch then carries many receipts.
 * Stateless apart from the in-flight group, so any instance can be evicted at any time.
 */
import { DurableObject } from "cloudflare:workers";
import { servicesFor } from "../app/build-services";
import type { Services } from "../app/services";
import { GroupCommitter } from "../lib/group-commit";
import { processReceipts } from "../notifications/process-receipt";
import type { ProviderReceipt } from "../providers/outcome";
import type { ReceiptWriterClient } from "./receipt-writer-client";

const GROUP_LINGER_MS = 10;
const MAX_GROUP = 500;

export class ReceiptWriter extends DurableObject<Env> implements ReceiptWriterClient {
  readonly #commits = new GroupCommitter<ProviderReceipt>(
    async (receipts) => {
      await processReceipts(this.#services, receipts, this.#services.clock.now());
    },
    MAX_GROUP,
    GROUP_LINGER_MS,
  );

  /** Looked up per use (a WeakMap hit), so the services always belong to this object's env. */
  get #services(): Services {
    return servicesFor(this.env);
  }

  async apply(receipts: ProviderReceipt[]): Promise<void> {
    await this.#commits.add(receipts);
  }
}
