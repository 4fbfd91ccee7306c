/**
 * Gives an OrgGate its own services with both dispatch queues replaced by a recorder, so a test sees
 * exactly what the gate hands to the queues and in which order, and can feed it to the consumer with
 * a chosen provider config. The gate looks its services up by its env (src/app/build-services.ts),
 * so the test gives it a copy of the env whose services record, and may carry a clock it moves itself.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { buildServices, useServices } from "../../src/app/build-services";
import { OrgGate } from "../../src/gate/org-gate.do";
import type { Clock } from "../../src/lib/time";
import type { DispatchQueue } from "../../src/queues/queue-messages";
import { BATCH_SENT } from "./delivery";

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
  const record: DispatchQueue = {
    async sendBatch(messages) {
      const batch = [...messages].map((m) => m.body.notificationId);
      batches.push(batch);
      ids.push(...batch);
      return BATCH_SENT;
    },
  };
  const gateEnv: Env = { ...env };
  useServices(gateEnv, buildServices(gateEnv, { dispatchQueue: record, dispatchBulkQueue: record, ...(clock ? { clock } : {}) }));
  await runInDurableObject(stub, async (instance, state) => {
    const gate = instance as unknown as { env: Env; alarm: () => Promise<void> };
    gate.env = gateEnv;
    if (manualDrain) {
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
