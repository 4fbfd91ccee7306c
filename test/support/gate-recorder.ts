/**
 * Gives an OrgGate its own bindings with both dispatch queues replaced by a recorder, so a test sees
 * exactly what the gate hands to the queues and in which order, and can feed it to the consumer with
 * a chosen provider config. The gate builds its services from its env (src/app/build-services.ts),
 * so a different env is all it takes; a test may also give those services a clock it moves itself.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { servicesFor } from "../../src/app/build-services";
import { OrgGate } from "../../src/gate/org-gate.do";
import type { Clock } from "../../src/lib/time";

export interface GateRecorder {
  /** notificationIds in the order the gate sent them. */
  ids: string[];
  /** One entry per sendBatch call. */
  batches: string[][];
  /** Runs one drain tick now; resolves with how many messages it handed over. */
  tick(): Promise<number>;
}

export interface RecordOptions {
  /** Stops the gate's own alarm drains: drains happen only when the test calls tick(). */
  manualDrain?: boolean;
  /** The gate's clock from now on (its send-rate token bucket refills by this clock only). */
  clock?: Clock;
}

/** A clock that stands still until the test moves it. */
export function manualClock(start = Date.now()): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Records the gate's dispatch queues (this object only). */
export async function recordGate(organisationId: string, { manualDrain = false, clock }: RecordOptions = {}): Promise<GateRecorder> {
  const stub = env.ORG_GATE.getByName(organisationId);
  const ids: string[] = [];
  const batches: string[][] = [];
  const record = {
    async send(body: { notificationId: string }) {
      batches.push([body.notificationId]);
      ids.push(body.notificationId);
    },
    async sendBatch(messages: Iterable<{ body: { notificationId: string } }>) {
      const batch = [...messages].map((m) => m.body.notificationId);
      batches.push(batch);
      ids.push(...batch);
    },
  } as unknown as Queue;
  await runInDurableObject(stub, async (instance, state) => {
    const gate = instance as unknown as { env: Env; alarm: () => Promise<void> };
    gate.env = { ...env, DISPATCH_QUEUE: record, DISPATCH_BULK_QUEUE: record };
    if (clock) servicesFor(gate.env).clock = clock;
    if (manualDrain) {
      // Drains happen only when the test calls tick(): deterministic tick boundaries.
      gate.alarm = async () => {};
      await state.storage.deleteAlarm();
    }
  });
  const tick = async () => {
    const before = ids.length;
    await runInDurableObject(stub, (instance) => OrgGate.prototype.alarm.call(instance));
    return ids.length - before;
  };
  return { ids, batches, tick };
}
