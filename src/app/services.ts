/**
 * The one composition root. Configuration is parsed once, the bindings are typed once, and every
 * entry point (fetch, queue, scheduled, both Durable Objects) gets the same `Services` for an env.
 * Domain functions declare the part they use (`Pick<Services, "db" | "clock">`), so a test hands
 * them exactly that, and nothing below `src/app/` and the `*.do.ts` files knows the Worker's Env.
 * This file holds only types, so domain modules can name it without importing any adapter;
 * build-services.ts makes one.
 */
import type { Config } from "../config";
import type { Db } from "../db/database";
import type { Providers } from "../delivery/providers";
import type { GateFor } from "../gate/gate-client";
import type { SecretBox } from "../lib/crypto";
import type { Clock } from "../lib/time";
import type { CallbackQueue, ChunkQueue, DispatchQueue } from "../queues/queue-messages";
import type { ReceiptWriterFor } from "../webhooks/receipt-writer-client";

export interface Services {
  config: Config;
  /** drizzle over D1, for typed queries. */
  db: Db;
  /** The raw D1 binding, for hand-written batches (json_each inserts, claims). */
  d1: D1Database;
  clock: Clock;
  /** Encrypts API key secrets and callback tokens at rest. */
  secrets: SecretBox;
  /** The OrgGate of an organisation. */
  gateFor: GateFor;
  /** The ReceiptWriter that owns a provider reference. */
  receiptWriterFor: ReceiptWriterFor;
  /** `dispatch`: priority and normal lanes. */
  dispatchQueue: DispatchQueue;
  /** `dispatch-bulk`: the bulk lane, so a job's backlog never sits in front of a reminder. */
  dispatchBulkQueue: DispatchQueue;
  callbackQueue: CallbackQueue;
  jobQueue: ChunkQueue;
  providers: Providers;
}
