/**
 * Reading the audit log back (src/admin/audit-log/): filters, keyset paging over ties of `at`, the
 * cursor and page-size rules, the CSV form (RFC 4180, formula neutralisation) and the bounded export.
 * Rows are inserted directly with chosen times; each test scopes its reads to its own organisation id.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createAdminCredential } from "../../src/admin/admin-credentials/create-admin-credential";
import { type AuditEntryObject, auditEntryObject } from "../../src/admin/audit-log/audit-entry-object";
import { auditLogCsv, csvField } from "../../src/admin/audit-log/audit-log-csv";
import { exportAuditLogCsv } from "../../src/admin/audit-log/export-audit-log";
import { queryAuditLog } from "../../src/admin/audit-log/query-audit-log";
import { createDb } from "../../src/db/database";
import { auditLog } from "../../src/db/schema";
import { formatTimestamp } from "../../src/lib/time";

const db = createDb(env.DB);
const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

type Seed = Partial<typeof auditLog.$inferInsert>;

/** Inserts audit rows for a fresh organisation; returns its id and the rows newest first, as the log orders them. */
async function seed(rows: Seed[]): Promise<{ org: string; rows: (typeof auditLog.$inferSelect)[] }> {
  const org = crypto.randomUUID();
  const values = rows.map((r, i) => ({
    id: crypto.randomUUID(),
    at: T0 + i,
    actor: "ops-alice",
    action: "template.create",
    organisationId: org,
    serviceId: null,
    targetType: "template",
    targetId: crypto.randomUUID(),
    details: null,
    requestId: null,
    ...r,
  }));
  for (let i = 0; i < values.length; i += 8) await db.insert(auditLog).values(values.slice(i, i + 8));
  const ordered = [...values].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return { org, rows: ordered };
}

const ids = (entries: { id: string }[]) => entries.map((e) => e.id);

async function walk(filter: Parameters<typeof queryAuditLog>[1], size: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await queryAuditLog(db, filter, { after, size });
    expect(page.entries.length).toBeLessThanOrEqual(size);
    seen.push(...ids(page.entries));
    if (page.next === null) return seen;
    after = page.next;
  }
  throw new Error("paging did not end");
}

describe("queryAuditLog", () => {
  it("answers entries newest first in the API's shape", async () => {
    const service = crypto.randomUUID();
    const { org, rows } = await seed([{}, { serviceId: service, details: { name: "x", version: 2 }, requestId: "req-1" }]);
    const page = await queryAuditLog(db, { organisationId: org });
    expect(page).toEqual({ entries: rows.map(auditEntryObject), next: null });
    expect(page.entries[0]).toEqual({
      id: rows[0]?.id,
      at: formatTimestamp(T0 + 1),
      actor: "ops-alice",
      action: "template.create",
      organisation_id: org,
      service_id: service,
      target_type: "template",
      target_id: rows[0]?.targetId,
      details: { name: "x", version: 2 },
      request_id: "req-1",
    });
  });

  it("narrows by organisation", async () => {
    const a = await seed([{}, {}]);
    await seed([{}]);
    expect(ids((await queryAuditLog(db, { organisationId: a.org.toUpperCase() })).entries)).toEqual(ids(a.rows));
  });

  it.each([
    ["serviceId", { serviceId: "b9a3c6a4-0000-4000-8000-000000000001" }, { serviceId: "b9a3c6a4-0000-4000-8000-000000000001" }],
    ["actor", { actor: "ops-bob" }, { actor: "ops-bob" }],
    ["action", { action: "api_key.revoke" }, { action: "api_key.revoke" }],
  ] as const)("narrows by %s", async (_, seedMatch, filter) => {
    const { org, rows } = await seed([{}, seedMatch, {}, seedMatch]);
    const matching = rows.filter((r) => Object.entries(seedMatch).every(([k, v]) => r[k as keyof typeof r] === v));
    expect(matching).toHaveLength(2);
    expect(ids((await queryAuditLog(db, { organisationId: org, ...filter })).entries)).toEqual(ids(matching));
  });

  it("narrows by time: from inclusive, to exclusive", async () => {
    const { org } = await seed([{ at: T0 }, { at: T0 + 10 }, { at: T0 + 20 }, { at: T0 + 30 }]);
    const page = await queryAuditLog(db, { organisationId: org, from: T0 + 10, to: T0 + 30 });
    expect(page.entries.map((e) => e.at)).toEqual([formatTimestamp(T0 + 20), formatTimestamp(T0 + 10)]);
  });

  it("combines filters with AND", async () => {
    const { org, rows } = await seed([{ actor: "ops-bob" }, { action: "api_key.create" }, { actor: "ops-bob", action: "api_key.create" }]);
    const page = await queryAuditLog(db, { organisationId: org, actor: "ops-bob", action: "api_key.create" });
    expect(ids(page.entries)).toEqual(ids(rows.filter((r) => r.actor === "ops-bob" && r.action === "api_key.create")));
  });

  it("pages through ties of `at` without gaps or repeats", async () => {
    // 23 rows in three milliseconds: every page boundary falls inside a tie.
    const { org, rows } = await seed(Array.from({ length: 23 }, (_, i) => ({ at: T0 + (i % 3) })));
    for (const size of [1, 4, 7, 23]) expect(await walk({ organisationId: org }, size)).toEqual(ids(rows));
  });

  it("next is null when the last page is exactly full", async () => {
    const { org, rows } = await seed([{}, {}, {}, {}]);
    const first = await queryAuditLog(db, { organisationId: org }, { size: 2 });
    expect(first.next).toBe(rows[1]?.id);
    expect(await queryAuditLog(db, { organisationId: org }, { after: first.next ?? "", size: 2 })).toMatchObject({ next: null });
  });

  it("defaults to pages of 100", async () => {
    const { org } = await seed(Array.from({ length: 101 }, () => ({})));
    const page = await queryAuditLog(db, { organisationId: org });
    expect(page.entries).toHaveLength(100);
    expect(page.next).not.toBeNull();
  });

  it.each([0, 501, 1.5, Number.NaN])("refuses a page size of %s", async (size) => {
    await expect(queryAuditLog(db, {}, { size })).rejects.toMatchObject({
      status: 400,
      errors: [{ error: "ValidationError", message: "page size must be a whole number from 1 to 500" }],
    });
  });

  it.each([crypto.randomUUID(), "not-a-cursor"])("refuses a cursor that is not an entry: %s", async (after) => {
    await expect(queryAuditLog(db, {}, { after })).rejects.toMatchObject({
      status: 400,
      errors: [{ error: "ValidationError", message: "after is not the id of an audit log entry" }],
    });
  });

  it("reads back the audit rows the domain functions write", async () => {
    const { credential } = await createAdminCredential(
      db,
      { name: `audit-${crypto.randomUUID()}`, role: "read-only" },
      { actor: "ops-carol", requestId: "req-9", at: Date.now() },
    );
    const page = await queryAuditLog(db, { actor: "ops-carol", action: "admin_credential.create" });
    expect(page.entries).toEqual([
      expect.objectContaining({ target_id: credential.id, request_id: "req-9", details: { name: credential.name, role: "read-only" } }),
    ]);
  });
});

const entry = (values: Partial<AuditEntryObject> = {}): AuditEntryObject => ({
  id: "6f1c1d64-4a52-4d8e-9d0e-2b7d0b1e5a10",
  at: "2025-01-15T12:00:00.000000Z",
  actor: "ops-alice",
  action: "template.create",
  organisation_id: null,
  service_id: null,
  target_type: "template",
  target_id: "t1",
  details: null,
  request_id: null,
  ...values,
});

describe("auditLogCsv", () => {
  it("writes a header and one CRLF-terminated line per entry, null as empty", () => {
    expect(auditLogCsv([entry()])).toBe(
      "id,at,actor,action,organisation_id,service_id,target_type,target_id,details,request_id\r\n" +
        "6f1c1d64-4a52-4d8e-9d0e-2b7d0b1e5a10,2025-01-15T12:00:00.000000Z,ops-alice,template.create,,,template,t1,,\r\n",
    );
  });

  it("writes details as compact JSON, quoted with its quotes doubled", () => {
    const line = auditLogCsv([entry({ details: { name: "a", n: 1 } })]).split("\r\n")[1];
    expect(line).toContain(',"{""name"":""a"",""n"":1}",');
  });

  it.each([
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["plain", "plain"],
    ["", ""],
  ])("quotes %j as %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", '"\'\rcmd"'],
    ["a=b", "a=b"],
  ])("neutralises the formula %j as %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("neutralises a formula in any column, e.g. an actor or target id", () => {
    const line = auditLogCsv([entry({ actor: "=cmd|' /C calc'!A0", target_id: "@x" })]).split("\r\n")[1];
    expect(line).toContain(",'=cmd|' /C calc'!A0,");
    expect(line).toContain(",'@x,");
  });
});

describe("exportAuditLogCsv", () => {
  async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
    const out: string[] = [];
    for await (const chunk of chunks) out.push(chunk);
    return out;
  }

  it("walks every page: the same CSV as the entries in one go", async () => {
    const { org, rows } = await seed(Array.from({ length: 7 }, (_, i) => ({ at: T0 + (i % 2) })));
    const chunks = await collect(await exportAuditLogCsv(db, { organisationId: org }, { pageSize: 3 }));
    expect(chunks).toHaveLength(1 + 3);
    expect(chunks.join("")).toBe(auditLogCsv(rows.map(auditEntryObject)));
  });

  it("exports just the header when nothing matches", async () => {
    const chunks = await collect(await exportAuditLogCsv(db, { organisationId: crypto.randomUUID() }));
    expect(chunks.join("")).toBe(auditLogCsv([]));
  });

  it("exports up to maxRows entries", async () => {
    const { org } = await seed([{}, {}, {}]);
    const csv = (await collect(await exportAuditLogCsv(db, { organisationId: org }, { maxRows: 3, pageSize: 2 }))).join("");
    expect(csv.split("\r\n")).toHaveLength(1 + 3 + 1);
  });

  it("refuses an export of more than maxRows entries before writing anything", async () => {
    const { org } = await seed([{}, {}, {}, {}]);
    await expect(exportAuditLogCsv(db, { organisationId: org }, { maxRows: 3 })).rejects.toMatchObject({
      status: 400,
      errors: [{ error: "BadRequestError", message: expect.stringContaining("more than 3 entries") }],
    });
  });
});
