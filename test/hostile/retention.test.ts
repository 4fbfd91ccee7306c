/**
 * src/scheduled/purge-retention.ts: personal data of bulk jobs goes with retention, also for a job
 * that never finished (a chunk that could never be stored kept its rows for ever before).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { servicesFor } from "../../src/app/build-services";
import { purgeRetention } from "../../src/scheduled/purge-retention";
import { createTenant, type Tenant } from "../support/fixtures";

const DAY = 86_400_000;
let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant();
});

/** An `in progress` job created `daysAgo` days ago, with one unexpanded chunk; returns its id. */
async function stuckJob(daysAgo: number): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO jobs (id, service_id, organisation_id, template_id, template_version, notification_type, name, reference, key_type,
         notification_count, chunk_count, status, created_at)
       VALUES (?, ?, ?, ?, 1, 'sms', 'burgers-met-bsn.xlsx', 'ref-1', 'normal', 1, 1, 'in progress', ?)`,
    ).bind(id, tenant.serviceId, tenant.organisationId, tenant.smsTemplateId, Date.now() - daysAgo * DAY),
    env.DB.prepare(
      `INSERT INTO job_chunks (job_id, chunk_index, first_row_number, rows) VALUES (?, 0, 0, '{"header":["phone number"],"rows":[["0612345678"]]}')`,
    ).bind(id),
  ]);
  return id;
}

const jobOf = (id: string) => env.DB.prepare("SELECT name, reference FROM jobs WHERE id = ?").bind(id).first();
const chunksOf = async (id: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM job_chunks WHERE job_id = ?").bind(id).first<{ n: number }>())?.n;

describe("retention of bulk jobs", () => {
  it("a stuck job older than retention plus the scheduling horizon loses its rows, file name and reference", async () => {
    const old = await stuckJob(30);
    await purgeRetention(servicesFor(env), Date.now());
    expect(await chunksOf(old)).toBe(0);
    expect(await jobOf(old)).toEqual({ name: "", reference: null });
  });

  it("a running job within retention keeps them", async () => {
    const recent = await stuckJob(1);
    await purgeRetention(servicesFor(env), Date.now());
    expect(await chunksOf(recent)).toBe(1);
    expect(await jobOf(recent)).toEqual({ name: "burgers-met-bsn.xlsx", reference: "ref-1" });
  });
});
