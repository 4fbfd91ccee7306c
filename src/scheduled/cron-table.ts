/**
 * The one cron table. Keys must match `[triggers] crons` in wrangler.toml (a test checks this).
 * Every task is idempotent: running it twice, or late, does no harm. Each task is a plain function
 * of (deps, time) in its own file; the table only adapts them to the Worker's env.
 *
 *   * * * * *    release-scheduled   due scheduled notifications → lanes; due scheduled jobs → chunks
 *                replay-created      stale claims, rows that never reached dispatch, stalled jobs
 *   17 * * * *   timeout-sending     sending/pending for 72 h → temporary-failure (+ callback)
 *   30 2 * * *   purge-retention     notifications past retention → daily counts; received texts; job uploads
 */
import { jobsDeps } from "../jobs/deps";
import { purgeRetention } from "./purge-retention";
import { releaseScheduled } from "./release-scheduled";
import { replayCreated } from "./replay-created";
import { timeoutSending } from "./timeout-sending";

/** A named task of the cron table, run with the Worker env and the trigger time. */
export interface CronTask {
  name: string;
  run(env: Env, scheduledTime: number): Promise<void>;
}

const task = (name: string, run: (deps: ReturnType<typeof jobsDeps>, now: number) => Promise<unknown>): CronTask => ({
  name,
  run: async (env, scheduledTime) => {
    await run(jobsDeps(env), scheduledTime);
  },
});

export const CRON_TABLE: Record<string, CronTask[]> = {
  "* * * * *": [task("release-scheduled", releaseScheduled), task("replay-created", replayCreated)],
  "17 * * * *": [task("timeout-sending", timeoutSending)],
  "30 2 * * *": [task("purge-retention", (deps, now) => purgeRetention(deps, now))],
};
