/**
 * What the dispatch and dead-letter consumers need, built from the Worker's env, with overrides
 * so tests (and tools) can run the same consumer against CM.com's fake or a real SMTP server.
 */
import { type Config, loadConfig } from "../config";
import { createDb, type Db } from "../db/client";
import { type Clock, systemClock } from "../lib/time";
import type { CallbackQueue } from "../service-callbacks/enqueue";
import { createProviders, type ProviderOptions, type Providers } from "./providers";

/** Everything the dispatch consumer uses: storage, the callbacks queue, a clock and the providers. */
export interface DispatchDeps {
  db: Db;
  callbacks: CallbackQueue;
  clock: Clock;
  providers: Providers;
}

/** Overrides for dispatchDeps. */
export interface DispatchDepsOptions extends ProviderOptions {
  /** Config values to use instead of the env's (e.g. SMS_PROVIDER: "cm" in a test). */
  config?: Partial<Config>;
  clock?: Clock;
  /** Replaces the `callbacks` queue producer (tests that record instead of sending). */
  callbacks?: CallbackQueue;
}

/** Dependencies from env; `options` override config, clock and queue. */
export function dispatchDeps(env: Env, options: DispatchDepsOptions = {}): DispatchDeps {
  const config = { ...loadConfig(env as unknown as Record<string, unknown>), ...options.config };
  return {
    db: createDb(env.DB),
    callbacks: options.callbacks ?? (env.CALLBACKS_QUEUE as unknown as CallbackQueue),
    clock: options.clock ?? systemClock,
    providers: createProviders(config, options),
  };
}
