/**
 * A small per-isolate cache with a time-to-live and a size bound. Used for data that every API
 * request reads and that changes rarely (API keys, templates, senders): a Worker isolate serves
 * many requests, and a D1 round trip per request per item is the largest cost on the hot path.
 * Concurrent misses for the same key share one load.
 */
export class TtlCache<V> {
  #entries = new Map<string, { expires: number; value: Promise<V> }>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 10_000,
  ) {}

  get(key: string, load: () => PromiseLike<V>, now = Date.now()): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.#entries.size >= this.maxEntries) this.#evictExpired(now);
    // Settle once into a real Promise: drizzle queries are lazy thenables that run again on every await.
    const value = Promise.resolve().then(load);
    this.#entries.set(key, { expires: now + this.ttlMs, value });
    // A failed load is not cached.
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }

  /** Drops every entry whose key starts with `prefix` (e.g. everything of one service). */
  invalidatePrefix(prefix: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  #evictExpired(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#entries.delete(key);
    // Still full of live entries: drop the oldest insertions.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size < this.maxEntries) break;
      this.#entries.delete(key);
    }
  }
}
