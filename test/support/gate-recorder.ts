/**
 * Intercepts an OrgGate's `dispatch` queue producer, so a test sees exactly what the gate hands to
 * the queue and in which order, and can feed it to the consumer with a chosen provider config.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";

export interface GateRecorder {
  /** notificationIds in the order the gate sent them. */
  ids: string[];
  /** One entry per sendBatch call. */
  batches: string[][];
}

/** Replaces the gate's dispatch queues (this object only) with a recorder; optionally stops its alarm drains. */
export async function recordGate(organisationId: string, { manualDrain = false } = {}): Promise<GateRecorder> {
  const recorder: GateRecorder = { ids: [], batches: [] };
  await runInDurableObject(env.ORG_GATE.getByName(organisationId), async (instance, state) => {
    const target = instance as unknown as { env: Record<string, unknown>; alarm: () => Promise<void> };
    const record = {
      async sendBatch(messages: Iterable<{ body: { notificationId: string } }>) {
        const ids = [...messages].map((m) => m.body.notificationId);
        recorder.batches.push(ids);
        recorder.ids.push(...ids);
      },
    };
    // Both dispatch queues (priority/normal and bulk) feed one recording, in send order.
    target.env.DISPATCH_QUEUE = record;
    target.env.DISPATCH_BULK_QUEUE = record;
    if (manualDrain) {
      // Drains happen only when the test calls drain(): deterministic tick boundaries.
      target.alarm = async () => {};
      await state.storage.deleteAlarm();
    }
  });
  return recorder;
}
