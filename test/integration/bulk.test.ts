/**
 * POST /v2/notifications/bulk: the GC Notify format (rows / csv), uploads (.csv / .xlsx), and every
 * way a job is refused, each of which must store nothing.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { apiFetch, countRows, createTenant, jwtFor, readError, type Tenant, url } from "../support/fixtures";
import { buildXlsx } from "../support/xlsx-builder";

let tenant: Tenant;
let limited: Tenant;

beforeAll(async () => {
  tenant = await createTenant({ sendRatePerMinute: 1, teamMembers: [{ phone_number: "0612345678" }] });
  limited = await createTenant({ smsDailyLimit: 5, sendRatePerMinute: 1 });
});

const sms = (rows: (string | number | null)[][], extra: Record<string, unknown> = {}) => ({
  template_id: tenant.smsTemplateId,
  name: "Herinnering",
  rows,
  ...extra,
});
const HEADER = ["phone number", "naam", "code"];
const phone = (i: number) => `06${String(10_000_000 + i)}`;

/**
 * What a request could have stored: jobs, chunks, and notifications outside jobs. (Accepted jobs of
 * earlier tests are expanded by the real `jobs` consumer meanwhile; a refused job has no job row, so
 * it can have no job notifications.)
 */
async function stored(): Promise<number[]> {
  const loose = await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE job_id IS NULL").first<{ n: number }>();
  return [await countRows("jobs"), await countRows("job_chunks"), loose?.n ?? 0];
}

async function upload(key: Tenant["keys"]["normal"], form: FormData): Promise<Response> {
  return exports.default.fetch(url("/v2/notifications/bulk"), {
    method: "POST",
    headers: { authorization: `Bearer ${await jwtFor(key)}` },
    body: form,
  });
}

describe("POST /v2/notifications/bulk accepts", () => {
  it("rows: 201 with GC's job shape, the job and its chunks stored", async () => {
    const res = await apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
      method: "POST",
      body: sms([HEADER, [phone(1), "Jan", "1"], [phone(2), "Piet", 2]], { reference: "batch-1" }),
    });
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: Record<string, unknown> };
    expect(Object.keys(data).sort()).toEqual(
      [
        "api_key",
        "archived",
        "created_at",
        "created_by",
        "id",
        "job_status",
        "notification_count",
        "original_file_name",
        "processing_finished",
        "processing_started",
        "scheduled_for",
        "sender_id",
        "service",
        "service_name",
        "template",
        "template_version",
        "updated_at",
      ].sort(),
    );
    expect(data).toMatchObject({
      job_status: "pending",
      notification_count: 2,
      original_file_name: "Herinnering",
      service: tenant.serviceId,
      template: tenant.smsTemplateId,
      template_version: 1,
      scheduled_for: null,
      archived: false,
      api_key: { id: tenant.keys.normal.id, key_type: "normal", name: tenant.keys.normal.name },
    });
    expect(String(data.created_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    const job = await env.DB.prepare("SELECT * FROM jobs WHERE id = ?").bind(data.id).first<Record<string, unknown>>();
    expect(job).toMatchObject({ service_id: tenant.serviceId, notification_count: 2, chunk_count: 1, reference: "batch-1" });
    const chunk = await env.DB.prepare("SELECT rows FROM job_chunks WHERE job_id = ?").bind(data.id).first<{ rows: string }>();
    // Only the recipient and the template's placeholders are kept.
    expect(JSON.parse(chunk?.rows ?? "{}")).toEqual({
      header: HEADER,
      rows: [
        [phone(1), "Jan", "1"],
        [phone(2), "Piet", "2"],
      ],
    });
  });

  it("csv with case-insensitive headers, extra columns dropped, semicolons, formula-looking cells as text", async () => {
    const csv = `Phone_Number;NAAM;Code;Notitie\n${phone(3)};=HYPERLINK("http://x");@SUM(1);geheim\n`;
    const res = await apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
      method: "POST",
      body: { template_id: tenant.smsTemplateId, name: "csv", csv },
    });
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: { id: string } };
    const chunk = await env.DB.prepare("SELECT rows FROM job_chunks WHERE job_id = ?").bind(data.id).first<{ rows: string }>();
    expect(JSON.parse(chunk?.rows ?? "{}")).toEqual({
      header: ["Phone_Number", "NAAM", "Code"],
      rows: [[phone(3), '=HYPERLINK("http://x")', "@SUM(1)"]],
    });
  });

  it("a multipart .xlsx upload (fields as form fields, the sheet as `file`)", async () => {
    const form = new FormData();
    form.set("template_id", tenant.emailTemplateId);
    form.set("name", "Excel-lijst");
    const xlsx = buildXlsx([
      ["email address", "naam"],
      ["a@example.nl", "Anna"],
      ["b@example.nl", { formula: 'UPPER("bo")', cached: "BO" }],
    ]);
    form.set("file", new File([xlsx], "lijst.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    const res = await upload(tenant.keys.normal, form);
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: { id: string; notification_count: number; original_file_name: string } };
    expect(data).toMatchObject({ notification_count: 2, original_file_name: "Excel-lijst" });
    const chunk = await env.DB.prepare("SELECT rows FROM job_chunks WHERE job_id = ?").bind(data.id).first<{ rows: string }>();
    expect(JSON.parse(chunk?.rows ?? "{}").rows).toEqual([
      ["a@example.nl", "Anna"],
      ["b@example.nl", "BO"],
    ]);
  });

  it("a multipart .csv upload", async () => {
    const form = new FormData();
    form.set("template_id", tenant.smsTemplateId);
    form.set("name", "csv-upload");
    form.set("file", new File([`phone number,naam,code\n${phone(4)},Kees,9\n`], "lijst.csv", { type: "text/csv" }));
    const res = await upload(tenant.keys.normal, form);
    expect(res.status).toBe(201);
  });
});

describe("POST /v2/notifications/bulk refuses, storing nothing", () => {
  const cases: [string, () => Promise<Response>, number, string][] = [
    [
      "both rows and csv",
      () =>
        apiFetch("/v2/notifications/bulk", tenant.keys.normal, { method: "POST", body: sms([HEADER, [phone(1), "a", "b"]], { csv: "x" }) }),
      400,
      "You should specify either rows or csv",
    ],
    [
      "neither rows nor csv",
      () =>
        apiFetch("/v2/notifications/bulk", tenant.keys.normal, { method: "POST", body: { template_id: tenant.smsTemplateId, name: "x" } }),
      400,
      "You should specify either rows or csv",
    ],
    [
      "missing column headers",
      () => apiFetch("/v2/notifications/bulk", tenant.keys.normal, { method: "POST", body: sms([["telefoon"], ["0612345678"]]) }),
      400,
      "Missing column headers: code, naam, phone number",
    ],
    [
      "duplicate recipient columns",
      () =>
        apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
          method: "POST",
          body: sms([
            ["phone number", "Phone_Number", "naam", "code"],
            [phone(1), phone(2), "a", "b"],
          ]),
        }),
      400,
      "Duplicate column headers: Phone_Number, phone number",
    ],
    [
      "only a header",
      () => apiFetch("/v2/notifications/bulk", tenant.keys.normal, { method: "POST", body: sms([HEADER]) }),
      400,
      "There are no rows to send: the first row is the header and at least one row must follow",
    ],
    [
      "an unknown template",
      () =>
        apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
          method: "POST",
          body: sms([HEADER], { template_id: crypto.randomUUID() }),
        }),
      400,
      "Template not found",
    ],
    [
      "an unknown reply_to_id",
      () =>
        apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
          method: "POST",
          body: sms([HEADER, [phone(1), "a", "b"]], { reply_to_id: "00000000-0000-4000-8000-000000000000" }),
        }),
      400,
      "sms_sender_id 00000000-0000-4000-8000-000000000000 does not exist in database for service id",
    ],
    [
      "a schedule in the past",
      () =>
        apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
          method: "POST",
          body: sms([HEADER, [phone(1), "a", "b"]], { scheduled_for: "2020-01-01T10:00:00Z" }),
        }),
      400,
      "scheduled_for datetime can not be in the past",
    ],
    [
      "a schedule more than 7 days ahead",
      () =>
        apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
          method: "POST",
          body: sms([HEADER, [phone(1), "a", "b"]], { scheduled_for: new Date(Date.now() + 8 * 86_400_000).toISOString() }),
        }),
      400,
      "scheduled_for datetime can only be 168 hours in the future",
    ],
    [
      "recipients a team key may not send to",
      () =>
        apiFetch("/v2/notifications/bulk", tenant.keys.team, {
          method: "POST",
          body: sms([HEADER, ["0612345678", "a", "b"], [phone(9), "c", "d"]]),
        }),
      400,
      "You cannot send to these recipients because you used a team and safelist API key.",
    ],
    [
      "unbalanced quotes in csv",
      () =>
        apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
          method: "POST",
          body: { template_id: tenant.smsTemplateId, name: "x", csv: `phone number,naam,code\n${phone(1)},"Jan,1\n` },
        }),
      400,
      "Error converting to CSV: ",
    ],
    [
      "invalid JSON",
      () => apiFetch("/v2/notifications/bulk", tenant.keys.normal, { method: "POST", body: "{nope" }),
      400,
      "Invalid JSON supplied in POST data",
    ],
  ];
  it.each(cases)("%s", async (_name, send, status, message) => {
    const before = await stored();
    const res = await send();
    expect(res.status).toBe(status);
    expect((await readError(res)).messages[0]).toContain(message);
    expect(await stored()).toEqual(before);
  });

  it("rows with errors: GC's message, data rows counted from 0, the first 20 only", async () => {
    const before = await stored();
    const rows: string[][] = [HEADER, [phone(1), "ok", "1"], [phone(2), "", "1"], ["nope", "x", "y"], [phone(3), " ", ""]];
    for (let i = 0; i < 30; i++) rows.push(["", "x", "y"]);
    const res = await apiFetch("/v2/notifications/bulk", tenant.keys.normal, { method: "POST", body: sms(rows) });
    expect(res.status).toBe(400);
    const message = (await readError(res)).messages[0] ?? "";
    expect(message).toMatch(
      /^Some rows have errors\. Row 1 - `naam`: Missing\. Row 2 - `phone number`: invalid recipient\. Row 3 - `naam`: Missing,`code`: Missing\. Row 4 - `phone number`: Missing\./,
    );
    expect(message.match(/Row \d+ -/g)).toHaveLength(20);
    expect(message.endsWith("Row 20 - `phone number`: Missing.")).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it("too many rows (more than 100,000)", async () => {
    const before = await stored();
    const csv = `phone number,naam,code\n${`${phone(1)},a,b\n`.repeat(100_001)}`;
    const res = await apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
      method: "POST",
      body: { template_id: tenant.smsTemplateId, name: "x", csv },
    });
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual(["Too many rows. Maximum number of rows allowed is 100000"]);
    expect(await stored()).toEqual(before);
  });

  it("a body over 10 MB is a 413", async () => {
    const res = await apiFetch("/v2/notifications/bulk", tenant.keys.normal, {
      method: "POST",
      body: { template_id: tenant.smsTemplateId, name: "x", csv: "x".repeat(11 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
  });

  it.each([
    [
      "a file that is neither CSV nor xlsx",
      new File(["%PDF-1.7 ..."], "brief.pdf", { type: "application/pdf" }),
      "File type not supported: upload a .csv or .xlsx file",
    ],
    [
      "an unreadable .xlsx",
      new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], "kapot.xlsx"),
      "The file could not be read as an .xlsx spreadsheet",
    ],
    [
      "a legacy .xls",
      new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])], "oud.xls"),
      "Legacy .xls files are not supported: save the file as .xlsx or .csv",
    ],
  ])("%s", async (_name, file, message) => {
    const before = await stored();
    const form = new FormData();
    form.set("template_id", tenant.smsTemplateId);
    form.set("name", "upload");
    form.set("file", file);
    const res = await upload(tenant.keys.normal, form);
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual([message]);
    expect(await stored()).toEqual(before);
  });

  it("a multipart form without a file", async () => {
    const form = new FormData();
    form.set("template_id", tenant.smsTemplateId);
    form.set("name", "upload");
    const res = await upload(tenant.keys.normal, form);
    expect(res.status).toBe(400);
    expect((await readError(res)).messages).toEqual(["file is a required property"]);
  });
});

describe("the daily limit applies to the whole job", () => {
  const rows = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => [phone(100 + i), "a", "b"])];
  const post = (n: number) =>
    apiFetch("/v2/notifications/bulk", limited.keys.normal, {
      method: "POST",
      body: { template_id: limited.smsTemplateId, name: "limiet", rows: rows(n) },
    });

  it("refuses a job over the remaining allowance with GC's 400, and a rejected job costs nothing", async () => {
    const before = await stored();
    const over = await post(6);
    expect(over.status).toBe(400);
    expect((await readError(over)).messages).toEqual([
      "You only have 5 remaining messages before you reach your daily limit. You've tried to send 6 messages.",
    ]);
    // A job refused after admission (row errors) gives its reservation back.
    const bad = await apiFetch("/v2/notifications/bulk", limited.keys.normal, {
      method: "POST",
      body: { template_id: limited.smsTemplateId, name: "fout", rows: [HEADER, ["nope", "a", "b"]] },
    });
    expect(bad.status).toBe(400);
    expect(await stored()).toEqual(before);
    expect((await post(3)).status).toBe(201);
    const rest = await post(3);
    expect((await readError(rest)).messages).toEqual([
      "You only have 2 remaining messages before you reach your daily limit. You've tried to send 3 messages.",
    ]);
    expect((await post(2)).status).toBe(201);
  });
});

describe("jobs belong to their service", () => {
  it("another service's job is 404 for GET and cancel", async () => {
    const other = await createTenant();
    const res = await apiFetch("/v2/notifications/bulk", other.keys.normal, {
      method: "POST",
      body: {
        template_id: other.smsTemplateId,
        name: "ander",
        rows: [HEADER, [phone(1), "a", "b"]],
        scheduled_for: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    const { data } = (await res.json()) as { data: { id: string } };
    expect((await apiFetch(`/v2/jobs/${data.id}`, tenant.keys.normal)).status).toBe(404);
    expect((await apiFetch(`/v2/jobs/${data.id}/cancel`, tenant.keys.normal, { method: "POST" })).status).toBe(404);
    expect((await apiFetch(`/v2/jobs/${data.id}`, other.keys.normal)).status).toBe(200);
    expect((await apiFetch(`/v2/jobs/not-a-uuid`, other.keys.normal)).status).toBe(400);
  });
});
