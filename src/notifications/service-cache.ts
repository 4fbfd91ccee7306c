/**
 * Per-isolate caches of what the API reads on every request for a service. Entries live for
 * CACHE_TTL_MS; admin changes made through this isolate invalidate them at once, and changes made
 * through another isolate (other Cloudflare locations) show within the TTL. So a revoked API key
 * stops working everywhere within CACHE_TTL_MS (documented in the README).
 */
import { TtlCache } from "../lib/ttl-cache";

export const CACHE_TTL_MS = 5_000;

/** Caches keyed `${serviceId}:...`, so one prefix invalidation clears a service. */
export const serviceCaches = {
  credentials: new TtlCache<unknown>(CACHE_TTL_MS),
  templates: new TtlCache<unknown>(CACHE_TTL_MS),
  senders: new TtlCache<unknown>(CACHE_TTL_MS),
  /** Suppressions per channel (opt-outs.ts): so a service without any needs no lookup per send. */
  optOuts: new TtlCache<unknown>(CACHE_TTL_MS),
};

/** Called by every admin write that touches a service (keys, templates, senders, team, limits), and by opt-outs. */
export function invalidateServiceCaches(serviceId: string): void {
  for (const cache of Object.values(serviceCaches)) cache.invalidatePrefix(`${serviceId}:`);
}

/** Typed access to a cache slot. */
export function cached<V>(cache: TtlCache<unknown>, key: string, load: () => PromiseLike<V>): Promise<V> {
  return cache.get(key, load) as Promise<V>;
}
