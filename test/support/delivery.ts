/**
 * Helpers for delivery tests: drive the queue consumers with createMessageBatch, talk to the CM.com
 * fake's control API, and relay the delivery reports that land in the support server into the
 * Worker's webhook (the Worker under test has no port CM could reach).
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { buildServices, type ServiceOverrides, servicesFor } from "../../src/app/build-services";
import { consumeDeadLetters } from "../../src/delivery/dead-letter.consumer";
import { consumeDispatch, type DispatchServices } from "../../src/delivery/dispatch.consumer";
import { cmReference } from "../../src/providers/sms/cm-types";
import type { CallbackMessage, CallbackQueue } from "../../src/queues/queue-messages";
import { type CallbackDeps, consumeCallbacks } from "../../src/service-callbacks/callbacks.consumer";
import { url } from "./fixtures";

export interface QueueOutcome {
  acked: string[];
  retried: { notificationId: string; delaySeconds?: number }[];
}

/** The shape getQueueResult resolves to (its type is not exported by the pool). */
interface QueueResult {
  ackAll: boolean;
  retryBatch: { retry: boolean; delaySeconds?: number };
  explicitAcks: string[];
  retryMessages: { msgId: string; delaySeconds?: number }[];
}

let seq = 0;

/** Runs the dispatch consumer on one batch of {notificationId} messages. */
export async function runDispatch(ids: string[], deps: DispatchServices, attempts = 1): Promise<QueueOutcome> {
  return runQueue("dispatch", ids, (batch) => consumeDispatch(batch, deps), attempts);
}

/** Runs the dead-letter consumer on {notificationId} messages. */
export async function runDeadLetters(ids: string[], attempts = 11): Promise<QueueOutcome> {
  return runQueue("dead-letters", ids, (batch) => consumeDeadLetters(batch, servicesFor(env)), attempts);
}

/** Runs the callbacks consumer on one batch; ids in the outcome are the notification/received-text ids. */
export async function runCallbacks(bodies: CallbackMessage[], deps: CallbackDeps, attempts = 1): Promise<QueueOutcome> {
  const byId = new Map(bodies.map((b) => [b.kind === "delivery_status" ? b.notificationId : b.receivedTextId, b]));
  return runQueue(
    "callbacks",
    [...byId.keys()],
    (batch) => consumeCallbacks(batch, deps),
    attempts,
    (id) => byId.get(id),
  );
}

async function runQueue(
  queue: string,
  ids: string[],
  consume: (batch: MessageBatch<unknown>) => Promise<void>,
  attempts: number,
  bodyFor: (id: string) => unknown = (notificationId) => ({ notificationId }),
): Promise<QueueOutcome> {
  const byMsgId = new Map<string, string>();
  const messages = ids.map((notificationId) => {
    const id = `msg-${++seq}`;
    byMsgId.set(id, notificationId);
    return { id, timestamp: new Date(), attempts, body: bodyFor(notificationId) };
  });
  const batch = createMessageBatch(queue, messages);
  // getQueueResult does not report delaySeconds; record it on the way through.
  const delays = new Map<string, number | undefined>();
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    Object.defineProperty(message, "retry", {
      value: (options?: QueueRetryOptions) => {
        delays.set(message.id, options?.delaySeconds);
        retry(options);
      },
    });
  }
  const ctx = createExecutionContext();
  await consume(batch as MessageBatch<unknown>);
  const result = (await getQueueResult(batch, ctx)) as QueueResult;
  return {
    acked: result.explicitAcks.map((id) => byMsgId.get(id) ?? id).concat(result.ackAll ? ids : []),
    retried: result.retryMessages.map((r) => ({ notificationId: byMsgId.get(r.msgId) ?? r.msgId, delaySeconds: delays.get(r.msgId) })),
  };
}

/** Dispatch dependencies that send SMS through the CM.com fake (env.CM_BASE_URL). */
export function cmDeps(options: ServiceOverrides = {}): DispatchServices {
  return buildServices(env, { ...options, config: { SMS_PROVIDER: "cm", ...options.config } });
}

/** What a recording queue answers to sendBatch. */
export const BATCH_SENT: QueueSendBatchResponse = { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };

/** A callbacks-queue producer that records instead of sending. */
export function recordingQueue(): CallbackQueue & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    sent,
    async sendBatch(messages) {
      for (const m of messages) sent.push(m.body);
      return BATCH_SENT;
    },
  };
}

/** CM fake control API. */
export async function cm<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${env.CM_BASE_URL}${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`CM fake ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** How many messages the fake received with each notification's reference. */
export async function cmCounts(ids: string[]): Promise<number[]> {
  const state = await cm<{ byReference: Record<string, number> }>("/__sim/state");
  return ids.map((id) => state.byReference[cmReference(id)] ?? 0);
}

/** The fake's failure switches back to normal (the fake is shared by every test file). */
export const CM_HEALTHY = {
  failNextRequests: 0,
  failUntil: null,
  hangRequests: false,
  authFailure: false,
  rejectAll: false,
  delayMs: 0,
  duplicateReports: false,
  outOfOrderReports: false,
  intermediateReports: false,
  reportFormat: "json",
};

/** Something the support server received at /hook/<path>. */
export interface Received {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}

/** Requests the support server received at /hook<path>. */
export async function received(path: string): Promise<Received[]> {
  const response = await fetch(`${env.TEST_SUPPORT_URL}/callbacks?path=${encodeURIComponent(path)}`);
  return (await response.json()) as Received[];
}

/** The CM reports for these notifications that reached the support server, oldest first. */
export async function reportsFor(ids: string[]): Promise<Received[]> {
  const refs = new Set(ids.map(cmReference));
  return (await received("/cm-status")).filter((r) => refs.has(referenceOf(r)));
}

function referenceOf(r: Received): string {
  if (typeof r.body === "object" && r.body !== null) {
    const msg = (r.body as { messages?: { msg?: { reference?: string } } }).messages?.msg;
    return msg?.reference ?? "";
  }
  if (typeof r.body === "string" && r.body.startsWith("<")) return /<REFERENCE>([^<]*)<\/REFERENCE>/.exec(r.body)?.[1] ?? "";
  return new URLSearchParams(r.query).get("reference") ?? "";
}

/** Waits until at least `count` reports for `ids` arrived; returns them. */
export async function waitForReports(ids: string[], count = ids.length, timeoutMs = 5_000): Promise<Received[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reports = await reportsFor(ids);
    if (reports.length >= count) return reports;
    if (Date.now() > deadline) throw new Error(`expected ${count} CM reports, got ${reports.length}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Relays reports into the Worker's status webhook exactly as CM sent them; returns the responses' statuses. */
export async function relayReports(reports: Received[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const r of reports) {
    const contentType = r.headers["content-type"];
    const init: RequestInit =
      r.method === "GET"
        ? { method: "GET" }
        : {
            method: "POST",
            headers: { "content-type": typeof contentType === "string" ? contentType : "application/json" },
            body: typeof r.body === "string" ? r.body : JSON.stringify(r.body),
          };
    const response = await exports.default.fetch(
      url(`/callbacks/cm/${env.CM_WEBHOOK_TOKEN}/status${r.method === "GET" ? r.query : ""}`),
      init,
    );
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

/**
 * Resolves once the `callbacks` queue has delivered every message enqueued before the call, so a
 * test can then assert that a (wrong) callback did not arrive, without sleeping. `marker` stores a
 * notification of a service whose delivery-status callback posts to `/hook<hook>`; a callback for it
 * is enqueued and awaited, twice. The local queue hands out batches in order and one at a time
 * (miniflare's queue broker), but the first marker may share a batch with earlier messages, whose
 * POSTs run concurrently with its own; the second is sent after the first arrived, so it is in a
 * later batch, which starts only once that batch has finished.
 */
export async function callbacksSettled(hook: string, marker: () => Promise<string>): Promise<void> {
  for (let round = 0; round < 2; round++) {
    const notificationId = await marker();
    await env.CALLBACKS_QUEUE.send({ kind: "delivery_status", notificationId } satisfies CallbackMessage);
    await eventually(async () => (await received(hook)).some((c) => (c.body as { id?: string }).id === notificationId));
  }
}

/** Polls `check` until it returns a value (not undefined/false) or times out. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
