/**
 * The send path's opt-out decision (src/notifications/opt-outs.ts, send-context.ts) and the
 * keywords (src/webhooks/opt-out-keywords.ts): a service without suppressions costs no D1 query per
 * send, only one cached count per TTL; a service with some gets one indexed lookup.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/database";
import { services } from "../../src/db/schema";
import { needsOptOutLookup, refuseOptedOut } from "../../src/notifications/opt-outs";
import { loadSendContext } from "../../src/notifications/send-context";
import { optOutKeyword } from "../../src/webhooks/opt-out-keywords";
import { adminJson, createTenant, type Tenant } from "../support/fixtures";

let quiet: Tenant;
let optedOut: Tenant;

beforeAll(async () => {
  [quiet, optedOut] = await Promise.all([createTenant(), createTenant()]);
  await adminJson("POST", `/admin/v1/services/${optedOut.serviceId}/suppressions`, { phone_number: "0612345678" });
});

/** A Db over the test D1 that records the SQL of every statement it prepares. */
function countingDb(): { db: ReturnType<typeof createDb>; suppressionQueries: () => number } {
  const sqls: string[] = [];
  const d1 = new Proxy(env.DB, {
    get(target, property) {
      if (property === "prepare") {
        return (query: string) => {
          sqls.push(query);
          return target.prepare(query);
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: createDb(d1), suppressionQueries: () => sqls.filter((sql) => sql.includes('"suppressions"')).length };
}

async function sendCheck(db: ReturnType<typeof createDb>, tenant: Tenant, normalisedTo: string): Promise<void> {
  const service = await db.select().from(services).where(eq(services.id, tenant.serviceId)).get();
  if (!service) throw new Error("no service");
  const context = await loadSendContext(db, { service, keyType: "normal", channel: "sms", templateId: tenant.smsTemplateId });
  await refuseOptedOut(db, context, { normalisedTo, smokeTest: false });
}

describe("the opt-out lookup of a single send", () => {
  it("is skipped when the service has no opt-outs on the channel, smoke tests, or a loaded list", () => {
    expect(needsOptOutLookup({ any: false, recipients: null }, false)).toBe(false);
    expect(needsOptOutLookup({ any: true, recipients: null }, true)).toBe(false);
    expect(needsOptOutLookup({ any: true, recipients: new Set() }, false)).toBe(false);
    expect(needsOptOutLookup({ any: true, recipients: null }, false)).toBe(true);
  });

  it("costs a service without suppressions one cached count, then no query at all", async () => {
    const { db, suppressionQueries } = countingDb();
    await sendCheck(db, quiet, "+31612345678");
    expect(suppressionQueries()).toBe(1);
    for (let i = 0; i < 5; i++) await sendCheck(db, quiet, "+31612345678");
    expect(suppressionQueries()).toBe(1);
  });

  it("is one indexed lookup per send for a service with suppressions", async () => {
    const { db, suppressionQueries } = countingDb();
    await sendCheck(db, optedOut, "+31687654321");
    const first = suppressionQueries();
    await sendCheck(db, optedOut, "+31687654321");
    expect(suppressionQueries() - first).toBe(1);
    await expect(sendCheck(db, optedOut, "+31612345678")).rejects.toThrow("opted out");
  });
});

describe("opt-out keywords", () => {
  it.each([
    ["STOP", "stop"],
    [" stoppen\r\n", "stop"],
    ["AfMeLdEn", "stop"],
    ["uitschrijven", "stop"],
    ["START", "start"],
    ["aanmelden\t", "start"],
  ])("%j is %s", (text, keyword) => {
    expect(optOutKeyword(text)).toBe(keyword);
  });

  it.each(["STOP please", "stopp", "STOP!", "", " ", "START STOP", `${" ".repeat(100)}STOP`])("%j is no keyword", (text) => {
    expect(optOutKeyword(text)).toBeNull();
  });
});
