/** Queue message bodies: ids only, never content, recipients or secrets. */
import * as v from "valibot";

export const DispatchMessage = v.object({ notificationId: v.string() });
export type DispatchMessage = v.InferOutput<typeof DispatchMessage>;

export const CallbackMessage = v.variant("kind", [
  v.object({ kind: v.literal("delivery_status"), notificationId: v.string() }),
  v.object({ kind: v.literal("inbound_sms"), receivedTextId: v.string() }),
]);
export type CallbackMessage = v.InferOutput<typeof CallbackMessage>;

export const JobChunkMessage = v.object({ jobId: v.string(), chunkIndex: v.number() });
export type JobChunkMessage = v.InferOutput<typeof JobChunkMessage>;

/** The producer side of each queue, as the code that sends to it sees it. */
export type DispatchQueue = Pick<Queue<DispatchMessage>, "sendBatch">;
export type CallbackQueue = Pick<Queue<CallbackMessage>, "sendBatch">;
export type ChunkQueue = Pick<Queue<JobChunkMessage>, "sendBatch">;

export type QueueMessageBody = DispatchMessage | CallbackMessage | JobChunkMessage;

/** Queue names as in wrangler.toml. */
export const QUEUES = {
  dispatch: "dispatch",
  dispatchBulk: "dispatch-bulk",
  callbacks: "callbacks",
  jobs: "jobs",
  deadLetters: "dead-letters",
} as const;
