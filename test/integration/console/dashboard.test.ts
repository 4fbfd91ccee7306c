/**
 * The service dashboard, GET /diensten/:serviceId (src/console/pages/dashboard/): counts per Dutch
 * day, channel and status group in a chart and a table that agree, days without messages as 0,
 * failures with their reasons and provider codes, today's use of the daily limits from the OrgGate,
 * bulk jobs in progress, and 404 for a service that is not the user's.
 */
import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { lastAmsterdamDays, startOfAmsterdamDay } from "../../../src/console/dashboard/amsterdam-days";
import { type JobStatus, jobs, notifications } from "../../../src/db/schema";
import { consoleFetch, createConsoleUser, signInAs } from "../../support/console-users";
import { apiFetch, createTenant, type Tenant } from "../../support/fixtures";
import { db, insertNotifications, type NotificationSeed } from "../../support/notification-factory";

const HOUR = 3_600_000;
type Status = NonNullable<NotificationSeed["status"]>;

let tenant: Tenant;
let cookies: string[];
let html: string;
/** The Dutch days of the 7-day period, oldest first. */
let days: string[];

/** Inserts `n` notifications of a kind; then sets their creation time and provider code. */
async function seed(
  n: number,
  kind: { type: "sms" | "email"; status: Status; at?: number; code?: string; jobId?: string; keyType?: "test" },
) {
  const ids = await insertNotifications(
    Array.from({ length: n }, () => ({
      serviceId: tenant.serviceId,
      organisationId: tenant.organisationId,
      type: kind.type,
      status: kind.status,
      ...(kind.keyType ? { keyType: kind.keyType } : {}),
    })),
  );
  await db()
    .update(notifications)
    .set({ createdAt: kind.at ?? Date.now(), providerStatus: kind.code ?? null, jobId: kind.jobId ?? null })
    .where(inArray(notifications.id, ids));
}

async function insertJob(
  name: string,
  status: JobStatus,
  notificationCount: number,
  extra: Partial<typeof jobs.$inferInsert> = {},
  owner: Tenant = tenant,
) {
  const id = crypto.randomUUID();
  await db()
    .insert(jobs)
    .values({
      id,
      serviceId: owner.serviceId,
      organisationId: owner.organisationId,
      templateId: owner.smsTemplateId,
      templateVersion: 1,
      notificationType: "sms",
      name,
      keyType: "normal",
      notificationCount,
      chunkCount: 1,
      status,
      ...extra,
    });
  return id;
}

/** The SVG of a chart by its id. */
function chartOf(page: string, id: string): string {
  const start = page.indexOf(`aria-labelledby="${id}-title"`);
  return page.slice(page.lastIndexOf("<svg", start), page.indexOf("</svg>", start));
}

/** day → group → count, from the segments of a chart. */
function chartCounts(svg: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [, day = "", body = ""] of svg.matchAll(/<g data-day="([^"]+)">(.*?)<\/g>/gs)) {
    const groups = new Map<string, number>();
    for (const [, group = "", count = ""] of body.matchAll(/<rect[^>]*data-group="(\w+)"[^>]*data-count="(\d+)"/g))
      groups.set(group, Number(count));
    out.set(day, groups);
  }
  return out;
}

/** day → group → count (and "totaal"), from the table of a channel. */
function tableCounts(page: string, channel: string): Map<string, Map<string, number>> {
  const start = page.indexOf(`data-channel="${channel}"`);
  const table = page.slice(start, page.indexOf("</table>", start));
  const out = new Map<string, Map<string, number>>();
  for (const [, day = "", row = ""] of table.matchAll(/<tr[^>]*data-day="([^"]+)">(.*?)<\/tr>/gs)) {
    out.set(day, new Map([...row.matchAll(/data-group="(\w+)">([^<]*)</g)].map(([, g = "", n = ""]) => [g, Number(n.replace(/\./g, ""))])));
  }
  return out;
}

beforeAll(async () => {
  tenant = await createTenant({ retentionDays: 7 });
  days = lastAmsterdamDays(Date.now(), 7);
  const earlier = startOfAmsterdamDay(days[3] ?? "") + 12 * HOUR;
  const inProgress = await insertJob("adressen-maart.csv", "in progress", 5, { processingStarted: Date.now() });
  const finished = await insertJob("klaar.csv", "finished", 1, { processingFinished: Date.now() });
  await insertJob("later.csv", "scheduled", 3, { scheduledFor: Date.now() + 24 * HOUR });
  await Promise.all([
    seed(3, { type: "sms", status: "delivered" }),
    seed(1, { type: "sms", status: "pending" }),
    seed(2, { type: "sms", status: "permanent-failure", code: "3/8" }),
    seed(1, { type: "sms", status: "temporary-failure", code: "3/7" }),
    seed(1, { type: "sms", status: "delivered", jobId: inProgress }),
    seed(1, { type: "sms", status: "created", jobId: inProgress }),
    seed(1, { type: "sms", status: "delivered", jobId: finished }),
    seed(2, { type: "email", status: "sent" }),
    seed(1, { type: "email", status: "technical-failure" }),
    seed(1, { type: "email", status: "cancelled" }),
    seed(2, { type: "sms", status: "delivered", at: earlier }),
    seed(1, { type: "email", status: "sent", at: earlier }),
    // Not counted: a test key's message, and one from before the period.
    seed(1, { type: "sms", status: "delivered", keyType: "test" }),
    seed(1, { type: "sms", status: "delivered", at: startOfAmsterdamDay(days[0] ?? "") - HOUR }),
  ]);
  const user = await createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions: ["view"] }]);
  cookies = await signInAs(user);
  const response = await consoleFetch(`/diensten/${tenant.serviceId}`, { cookies });
  expect(response.status).toBe(200);
  html = await response.text();
});

describe("GET /diensten/:serviceId", () => {
  it("shows the counts of today and an earlier day per channel and status group", () => {
    const today = days[6] ?? "";
    const sms = tableCounts(html, "sms");
    expect(Object.fromEntries(sms.get(today) ?? [])).toEqual({ afgeleverd: 5, onderweg: 2, mislukt: 3, geannuleerd: 0, totaal: 10 });
    expect(sms.get(days[3] ?? "")?.get("totaal")).toBe(2);
    const email = tableCounts(html, "email");
    expect(Object.fromEntries(email.get(today) ?? [])).toEqual({ afgeleverd: 2, onderweg: 0, mislukt: 1, geannuleerd: 1, totaal: 4 });
    expect(email.get(days[3] ?? "")?.get("afgeleverd")).toBe(1);
    expect(html).toContain("<h1");
    expect(html.match(/<h1/g)).toHaveLength(1);
  });

  it("shows every day of the retention period, a day without messages as 0", () => {
    const sms = tableCounts(html, "sms");
    expect([...sms.keys()].sort()).toEqual(days);
    expect(Object.fromEntries(sms.get(days[5] ?? "") ?? [])).toEqual({ afgeleverd: 0, onderweg: 0, mislukt: 0, geannuleerd: 0, totaal: 0 });
    const svg = chartOf(html, "sms-per-dag");
    expect(chartCounts(svg).get(days[5] ?? "")?.size).toBe(0);
    expect(svg).toMatch(new RegExp(`<g data-day="${days[5]}">.*?data-total="0"`, "s"));
  });

  it("the chart is an accessible image whose segments agree with the table", () => {
    for (const [id, channel] of [
      ["sms-per-dag", "sms"],
      ["e-mail-per-dag", "email"],
    ] as const) {
      const svg = chartOf(html, id);
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title>`));
      expect(svg).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`));
      const chart = chartCounts(svg);
      const table = tableCounts(html, channel);
      expect([...chart.keys()]).toEqual(days);
      for (const day of days) {
        for (const group of ["afgeleverd", "onderweg", "mislukt", "geannuleerd"]) {
          expect(chart.get(day)?.get(group) ?? 0, `${channel} ${day} ${group}`).toBe(table.get(day)?.get(group));
        }
      }
      // Heights follow the counts on one scale.
      const perUnit = Number(/data-per-unit="([\d.]+)"/.exec(svg)?.[1]);
      for (const [, height = "", count = ""] of svg.matchAll(/height="([\d.]+)"[^>]*data-count="(\d+)"/g)) {
        expect(Number(height)).toBeCloseTo(Number(count) * perUnit, 1);
      }
    }
    expect(chartOf(html, "sms-per-dag")).toContain("In totaal 12 sms-berichten: 7 afgeleverd, 2 onderweg, 3 mislukt, 0 geannuleerd.");
  });

  it("lists the failures with a Dutch reason and the provider's codes", () => {
    const failures = html.slice(html.indexOf('data-table="mislukt"'), html.indexOf("</table>", html.indexOf('data-table="mislukt"')));
    const row = (status: string, channel: string) =>
      new RegExp(`<tr[^>]*data-status="${status}" data-channel="${channel}">(.*?)</tr>`, "s").exec(failures)?.[1] ?? "";
    expect(row("permanent-failure", "sms")).toContain("Niet afgeleverd");
    expect(row("permanent-failure", "sms")).toContain("bestaat niet");
    expect(row("permanent-failure", "sms")).toMatch(/>2<\/td>/);
    expect(row("permanent-failure", "sms")).toContain('<code class="nl-code">3/8</code>: 2 keer');
    expect(row("temporary-failure", "sms")).toContain("3/7");
    expect(row("technical-failure", "email")).toContain("Technische fout");
    expect(row("technical-failure", "email")).toContain("Geen code doorgegeven");
  });

  it("shows the jobs in progress with their progress, not a finished one", () => {
    const table = html.slice(html.indexOf('data-table="bulkopdrachten"'));
    expect(table).toContain("adressen-maart.csv");
    expect(table).toContain("1 van 5 verwerkt");
    expect(table).toContain("Berichten worden aangemaakt");
    expect(table).toContain("later.csv");
    expect(table).toContain("Gepland voor");
    expect(table).not.toContain("klaar.csv");
  });

  it("says that the daily limit counts the UTC day", () => {
    expect(html).toContain("De daglimiet telt per dag in UTC-tijd");
    expect(html).toMatch(/weer bij 0/);
  });

  it("a service of another organisation is a 404", async () => {
    const other = await createTenant();
    const response = await consoleFetch(`/diensten/${other.serviceId}`, { cookies });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(String(other.service.name));
  });

  it("a user of the organisation who is not on the service's team gets a 404", async () => {
    const outsider = await createConsoleUser(tenant.organisationId, []);
    const response = await consoleFetch(`/diensten/${tenant.serviceId}`, { cookies: await signInAs(outsider) });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(String(tenant.service.name));
  });

  it("without a session it sends the browser to the sign-in page", async () => {
    const response = await consoleFetch(`/diensten/${tenant.serviceId}`);
    expect(response.status).toBe(303);
  });
});

describe("daily limit use", () => {
  it("shows today's messages from the limit's own counter, against the limit", async () => {
    const sender = await createTenant({ smsDailyLimit: 50 });
    for (let i = 0; i < 2; i++) {
      const sent = await apiFetch("/v2/notifications/sms", sender.keys.normal, {
        method: "POST",
        body: { phone_number: "06-12345678", template_id: sender.smsTemplateId, personalisation: { naam: "Jan", code: "1234" } },
      });
      expect(sent.status).toBe(201);
    }
    const user = await createConsoleUser(sender.organisationId, [{ serviceId: sender.serviceId, permissions: ["view"] }]);
    const page = await (await consoleFetch(`/diensten/${sender.serviceId}`, { cookies: await signInAs(user) })).text();
    const table = page.slice(page.indexOf('data-table="daglimiet"'), page.indexOf("</table>", page.indexOf('data-table="daglimiet"')));
    const sms = /<tr[^>]*data-channel="sms">(.*?)<\/tr>/s.exec(table)?.[1] ?? "";
    expect(sms).toMatch(/data-field="used">2</);
    expect(sms).toMatch(/data-field="limit">50</);
    expect(sms).toMatch(/data-field="remaining">48</);
    expect(/<tr[^>]*data-channel="email">(.*?)<\/tr>/s.exec(table)?.[1]).toMatch(/data-field="used">0</);
  });
});

describe("a service without jobs or failures", () => {
  it("says that no job is in progress and nothing failed", async () => {
    const quiet = await createTenant();
    const user = await createConsoleUser(quiet.organisationId, [{ serviceId: quiet.serviceId, permissions: ["view"] }]);
    const page = await (await consoleFetch(`/diensten/${quiet.serviceId}`, { cookies: await signInAs(user) })).text();
    expect(page).toContain("Er zijn nu geen bulkopdrachten bezig.");
    expect(page).toContain("geen enkel bericht mislukt");
  });
});

describe("a service that just finished many jobs", () => {
  it("still shows an older job in progress", async () => {
    const busy = await createTenant();
    const now = Date.now();
    await insertJob("oud-bezig.csv", "in progress", 3, { createdAt: now - 60_000, processingStarted: now - 60_000 }, busy);
    for (let index = 0; index < 25; index++) {
      await insertJob(`klaar-${index}.csv`, "finished", 1, { createdAt: now - index, processingFinished: now }, busy);
    }
    const user = await createConsoleUser(busy.organisationId, [{ serviceId: busy.serviceId, permissions: ["view"] }]);
    const page = await (await consoleFetch(`/diensten/${busy.serviceId}`, { cookies: await signInAs(user) })).text();
    const table = page.slice(page.indexOf('data-table="bulkopdrachten"'));
    expect(table).toContain("oud-bezig.csv");
    expect(table).not.toContain("klaar-0.csv");
  });
});
