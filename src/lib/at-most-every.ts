/**
 * "Run this write at most once per interval per key, in this isolate": for bookkeeping such as a
 * credential's last_used_at, which every authenticated request would otherwise turn into a D1 write.
 * A failed write is forgotten, so the next request tries again; it never fails the caller.
 */
import { errorFields, log } from "./log";

export function atMostEvery(intervalMs: number, event: string) {
  const lastWrites = new Map<string, number>();
  return {
    async run(key: string, now: number, write: () => Promise<unknown>): Promise<void> {
      const last = lastWrites.get(key);
      if (last !== undefined && now - last < intervalMs) return;
      // Bounded by the number of real keys or credentials an isolate sees; cleared if it grows anyway.
      if (lastWrites.size > 10_000) lastWrites.clear();
      lastWrites.set(key, now);
      try {
        await write();
      } catch (error) {
        lastWrites.delete(key);
        log.warn(event, { key, ...errorFields(error) });
      }
    },
    reset(): void {
      lastWrites.clear();
    },
  };
}
