/**
 * A small per-isolate cache with a time-to-live and a size bound. Used for data that every API
 * request reads and that changes rarely (API keys, templates, senders): a Worker isolate serves
 * many requests, and a D1 round trip per request per item is the largest cost on the hot path.
 *
 * Only settled values are shared between requests. A pending load belongs to the request that
 * started it: awaiting it from another request makes that request depend on I/O of a different
 * request context, which the Workers runtime cancels as "hung" when the first request ends.
 *
 * A load that was in flight when its key was invalidated is returned to its caller but not kept:
 * it may have read the row from before the change (a revoked key would otherwise live on for a TTL).
 */
export class TtlCache<V> {
  #entries = new Map<string, { expires: number; value: V }>();
  /** Bumped by every invalidation; a load keeps its value only if none happened while it ran. */
  #generation = 0;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 10_000,
  ) {}

  async get(key: string, load: () => PromiseLike<V>, now = Date.now()): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    // Awaiting settles drizzle's lazy query objects exactly once; a failed load is not cached.
    const generation = this.#generation;
    const value = await load();
    if (generation !== this.#generation) return value;
    if (this.#entries.size >= this.maxEntries) this.#evict(now);
    this.#entries.set(key, { expires: now + this.ttlMs, value });
    return value;
  }

  /** Drops every entry whose key starts with `prefix` (e.g. everything of one service). */
  invalidatePrefix(prefix: string): void {
    this.#generation += 1;
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  #evict(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#entries.delete(key);
    // Still full of live entries: drop the oldest insertions.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size < this.maxEntries) break;
      this.#entries.delete(key);
    }
  }
}
