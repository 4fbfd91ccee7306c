/** The per-isolate cache (src/lib/ttl-cache.ts): lazy values run once, settled values only, no cached failures, invalidation, size bound. */
import { describe, expect, it } from "vitest";
import { TtlCache } from "../../src/lib/ttl-cache";

/** A lazy thenable like a drizzle query: it runs every time it is awaited. */
function lazyQuery(counter: { runs: number }, value: string): PromiseLike<string> {
  return {
    // biome-ignore lint/suspicious/noThenProperty: the point of the test is a thenable
    then(resolve, reject) {
      counter.runs += 1;
      return Promise.resolve(value).then(resolve, reject);
    },
  };
}

describe("TtlCache", () => {
  it("runs a lazy thenable once and serves the settled value until the TTL passes", async () => {
    const cache = new TtlCache<string>(1_000);
    const counter = { runs: 0 };
    for (let i = 0; i < 5; i++) expect(await cache.get("k", () => lazyQuery(counter, "v"), 100)).toBe("v");
    expect(counter.runs).toBe(1);
    expect(await cache.get("k", () => lazyQuery(counter, "w"), 1_200)).toBe("w");
    expect(counter.runs).toBe(2);
  });

  it("serves a settled value to later callers and does not cache failures", async () => {
    const cache = new TtlCache<number>(1_000);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return 42;
    };
    expect(await cache.get("a", load, 0)).toBe(42);
    expect(await cache.get("a", load, 10)).toBe(42);
    expect(loads).toBe(1);
    await expect(cache.get("b", () => Promise.reject(new Error("boom")), 0)).rejects.toThrow("boom");
    expect(await cache.get("b", load, 1)).toBe(42);
  });

  it("invalidates by prefix and stays within its size bound", async () => {
    const cache = new TtlCache<number>(1_000, 3);
    for (const key of ["s1:a", "s1:b", "s2:a"]) await cache.get(key, async () => 1, 0);
    cache.invalidatePrefix("s1:");
    let reloaded = 0;
    await cache.get("s1:a", async () => ++reloaded, 0);
    expect(reloaded).toBe(1);
    for (let i = 0; i < 10; i++) await cache.get(`x${i}`, async () => i, 0);
    let misses = 0;
    await cache.get("x9", async () => ++misses, 0);
    expect(misses).toBe(0);
  });
});

describe("TtlCache and invalidation", () => {
  it("a load in flight when its key is invalidated is returned but not kept", async () => {
    const cache = new TtlCache<string>(60_000);
    let release: (value: string) => void = () => {};
    const pending = cache.get("svc:key", () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidatePrefix("svc:");
    release("before the change");
    expect(await pending).toBe("before the change");
    expect(await cache.get("svc:key", async () => "after the change")).toBe("after the change");
  });
});
