/**
 * The one cron table. Keys must match `[triggers] crons` in wrangler.toml (a test checks this).
 * Every task is idempotent: running it twice, or late, does no harm. Each task is a plain function
 * of (services, time) in its own file.
 *
 *   * * * * *    release-scheduled   due scheduled notifications → lanes; due scheduled jobs → chunks
 *                replay-created      stale claims, rows that never reached dispatch, stalled jobs
 *                resend-callbacks    delivery-status callbacks still in the outbox after 5 minutes
 *                send-fallbacks      the other-channel fallback of notifications that failed for good
 *   17 * * * *   timeout-sending     sending/pending for 72 h → temporary-failure (+ callback)
 *                purge-console-tokens expired console sessions, password resets and old invitations
 *   30 2 * * *   purge-retention     notifications past retention → daily counts; received texts; job uploads
 */
import type { Services } from "../app/services";
import { resendOutbox } from "../service-callbacks/outbox";
import { purgeConsoleTokens } from "./purge-console-tokens";
import { purgeRetention } from "./purge-retention";
import { releaseScheduled } from "./release-scheduled";
import { replayCreated } from "./replay-created";
import { sendFallbacks } from "./send-fallbacks";
import { timeoutSending } from "./timeout-sending";

/** A named task of the cron table, run with the services and the trigger time (its result is only logged by tests). */
export interface CronTask {
  name: string;
  run(services: Services, scheduledTime: number): Promise<unknown>;
}

const task = (name: string, run: CronTask["run"]): CronTask => ({ name, run });

export const CRON_TABLE: Record<string, CronTask[]> = {
  "* * * * *": [
    task("release-scheduled", releaseScheduled),
    task("replay-created", replayCreated),
    task("resend-callbacks", resendOutbox),
    task("send-fallbacks", sendFallbacks),
  ],
  "17 * * * *": [task("timeout-sending", timeoutSending), task("purge-console-tokens", purgeConsoleTokens)],
  "30 2 * * *": [task("purge-retention", purgeRetention)],
};
