/**
 * The one cron table. Keys must match `[triggers] crons` in wrangler.toml (a test checks this).
 * Every task is idempotent: running it twice, or late, does no harm.
 */
export interface CronTask {
  name: string;
  run(env: Env, scheduledTime: number): Promise<void>;
}

export const CRON_TABLE: Record<string, CronTask[]> = {
  "* * * * *": [],
  "17 * * * *": [],
  "30 2 * * *": [],
};
