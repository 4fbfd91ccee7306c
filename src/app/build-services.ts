/** Builds the Services of an env (see services.ts): once per env for the Worker, fresh with overrides for tests. */
import { type Config, loadConfig } from "../config";
import { createDb } from "../db/database";
import { createProviders, type ProviderOptions } from "../delivery/providers";
import { createSecretBox } from "../lib/crypto";
import { systemClock } from "../lib/time";
import { gateClientFor, receiptWriterClientFor } from "./durable-object-clients";
import type { Services } from "./services";

/** What a test or tool may replace; the rest comes from the env. */
export interface ServiceOverrides extends Partial<Omit<Services, "config" | "providers">>, ProviderOptions {
  /** Config values to use instead of the env's (e.g. SMS_PROVIDER: "cm" in a test). */
  config?: Partial<Config>;
}

const built = new WeakMap<Env, Services>();

/** The services of an env, built on first use and kept for the isolate's life. */
export function servicesFor(env: Env): Services {
  let services = built.get(env);
  if (!services) {
    services = buildServices(env);
    built.set(env, services);
  }
  return services;
}

/**
 * Makes `services` the services of `env` (tests and tools: a Durable Object given a copy of the
 * env with its own services runs with that clock, those queues).
 */
export function useServices(env: Env, services: Services): void {
  built.set(env, services);
}

/** A fresh Services for an env, with overrides (tests run a consumer against CM.com's fake, a recording queue...). */
export function buildServices(env: Env, overrides: ServiceOverrides = {}): Services {
  const { config: configOverrides, cmTimeoutMs, smtpTimeoutMs, ...rest } = overrides;
  const config = { ...loadConfig(env), ...configOverrides };
  return {
    config,
    db: createDb(env.DB),
    d1: env.DB,
    clock: systemClock,
    secrets: createSecretBox(config.KEY_ENCRYPTION_KEY),
    gateFor: gateClientFor(env.ORG_GATE),
    receiptWriterFor: receiptWriterClientFor(env.RECEIPT_WRITER),
    dispatchQueue: env.DISPATCH_QUEUE,
    dispatchBulkQueue: env.DISPATCH_BULK_QUEUE,
    callbackQueue: env.CALLBACKS_QUEUE,
    jobQueue: env.JOBS_QUEUE,
    providers: createProviders(config, { cmTimeoutMs, smtpTimeoutMs }),
    ...rest,
  };
}
