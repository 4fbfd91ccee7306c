/** What the jobs consumer, job cancellation and the crons need, built once from the Worker's env. */
import type { Db } from "../db/client";
import { type GateFor, gateFactory } from "../gate/client";
import { appContext } from "../http/context";
import type { Clock } from "../lib/time";
import type { CallbackQueue } from "../service-callbacks/enqueue";
import type { ChunkQueue } from "./chunks";

/** Dependencies of the jobs consumer, job cancellation and the cron tasks. */
export interface JobsDeps {
  db: Db;
  d1: D1Database;
  gateFor: GateFor;
  /** Messages per minute for organisations without their own send rate. */
  defaultSendRate: number;
  jobsQueue: ChunkQueue;
  /** Replay cron: how long an undispatched `created` row sits still before it is queued again. */
  replayAfterMs: number;
  callbacks: CallbackQueue;
  clock: Clock;
}

/** Dependencies from env (the adapters call this; domain functions take JobsDeps). */
export function jobsDeps(env: Env): JobsDeps {
  const app = appContext(env);
  return {
    db: app.db,
    d1: app.d1,
    gateFor: gateFactory(env.ORG_GATE),
    defaultSendRate: app.config.DEFAULT_ORG_SEND_RATE,
    jobsQueue: env.JOBS_QUEUE as unknown as ChunkQueue,
    replayAfterMs: app.config.REPLAY_AFTER_SECONDS * 1000,
    callbacks: env.CALLBACKS_QUEUE as unknown as CallbackQueue,
    clock: app.clock,
  };
}
