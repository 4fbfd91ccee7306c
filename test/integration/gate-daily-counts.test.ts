/** OrgGate daily counts, written behind (src/gate/daily-counts.ts). */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DailyCounts } from "../../src/gate/daily-counts";

describe("OrgGate daily counts (write-behind)", () => {
  it("counts in memory, persists on flush, and a new instance reads the persisted value", async () => {
    const stub = env.ORG_GATE.getByName(`daily-${crypto.randomUUID()}`);
    await runInDurableObject(stub, async (_instance, state) => {
      const counts = new DailyCounts(state.storage.sql);
      counts.add("svc", "sms", "2026-11-29", 3);
      counts.add("svc", "sms", "2026-11-29", -1);
      expect(counts.get("svc", "sms", "2026-11-29")).toBe(2);
      const unflushed = state.storage.sql.exec("SELECT COUNT(*) AS n FROM daily_counts").one() as { n: number };
      expect(unflushed.n).toBe(0);
      counts.flush("2026-11-29");
      const fresh = new DailyCounts(state.storage.sql);
      expect(fresh.get("svc", "sms", "2026-11-29")).toBe(2);
      expect(fresh.get("svc", "email", "2026-11-29")).toBe(0);
    });
  });

  it("admit() reserves and release() gives back through the RPC surface", async () => {
    const stub = env.ORG_GATE.getByName(`daily-${crypto.randomUUID()}`);
    const request = { serviceId: "s", keyType: "normal" as const, rateLimit: 1000, channel: "sms" as const, dailyLimit: 2, count: 2 };
    const first = await stub.admit(request);
    expect(first.ok).toBe(true);
    expect(await stub.admit({ ...request, count: 1 })).toMatchObject({ ok: false, reason: "daily_limit", remaining: 0 });
    if (first.ok) await stub.release("s", "sms", first.day, 2);
    expect(await stub.admit(request)).toMatchObject({ ok: true });
  });
});
