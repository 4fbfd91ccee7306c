/**
 * src/jobs/xlsx-archive.ts and parse-xlsx.ts: real-sized workbooks are read (their sheet parts are
 * well over the 512 KB at which fflate would need a Web Worker), and archives built to exhaust
 * memory are refused quickly, before anything is inflated beyond the budget.
 */
import { exports } from "cloudflare:workers";
import { strToU8, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { NotifyError } from "../../src/errors";
import { parseXlsx, XLSX_TOO_LARGE, XLSX_UNREADABLE } from "../../src/jobs/parse-xlsx";
import { MAX_ENTRIES } from "../../src/jobs/xlsx-archive";
import { countRows, createTenant, jwtFor, readError, type Tenant, url } from "../support/fixtures";
import { buildXlsx } from "../support/xlsx-builder";

const ROWS = 50_000;
const list = (count: number) => [
  ["telefoonnummer", "naam", "datum"],
  ...Array.from({ length: count }, (_, i) => [`06${String(10_000_000 + i)}`, `Naam ${i}`, "1 januari"]),
];

async function refusal(bytes: Uint8Array): Promise<string> {
  const error = await parseXlsx(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof NotifyError)) throw new Error(`expected a NotifyError, got ${String(error)}`);
  return error.errors[0]?.message ?? "";
}

/** Median wall time of three runs of `work`, in ms. */
async function time(work: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await work().catch(() => undefined);
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[1] ?? 0;
}

/** A ZIP with one stored entry whose central directory record appears `copies` times (same offset). */
function overlapping(copies: number): Uint8Array {
  const zip = zipSync({ "xl/worksheets/sheet1.xml": [strToU8("<x/>".repeat(1000)), { level: 0 }] });
  const view = new DataView(zip.buffer);
  const eocd = zip.length - 22;
  const cdStart = view.getUint32(eocd + 16, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const record = zip.subarray(cdStart, cdStart + cdSize);
  const out = new Uint8Array(cdStart + cdSize * copies + 22);
  out.set(zip.subarray(0, cdStart));
  for (let i = 0; i < copies; i++) out.set(record, cdStart + i * cdSize);
  out.set(zip.subarray(eocd), cdStart + cdSize * copies);
  const outView = new DataView(out.buffer);
  const outEocd = out.length - 22;
  outView.setUint16(outEocd + 8, copies, true);
  outView.setUint16(outEocd + 10, copies, true);
  outView.setUint32(outEocd + 12, cdSize * copies, true);
  return out;
}

/** A deflated entry of 8 MB of spaces whose headers declare 1,000 bytes. */
function understated(): Uint8Array {
  const zip = zipSync({ "xl/worksheets/sheet1.xml": [new Uint8Array(8 * 1024 * 1024).fill(32), { level: 9 }] });
  const view = new DataView(zip.buffer);
  const eocd = zip.length - 22;
  const cd = view.getUint32(eocd + 16, true);
  view.setUint32(cd + 24, 1000, true); // central directory: uncompressed size
  view.setUint32(22, 1000, true); // local header: uncompressed size
  return zip;
}

describe("real-sized workbooks", () => {
  it.each(["shared", "inline"] as const)(`a ${ROWS}-row workbook with %s strings is read completely`, async (strings) => {
    const rows = await parseXlsx(buildXlsx(list(ROWS), { strings }));
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows[ROWS]).toEqual([`06${10_000_000 + ROWS - 1}`, `Naam ${ROWS - 1}`, "1 januari"]);
  });
});

describe("hostile archives", () => {
  const bomb = zipSync(
    Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [`xl/worksheets/sheet${i}.xml`, [new Uint8Array(520 * 1024).fill(32), { level: 9 }]]),
    ) as Record<string, [Uint8Array, { level: 9 }]>,
  );

  it("a zip bomb (400 entries of 520 KB of spaces in a small file) is refused as too large", async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb)).toBe(XLSX_TOO_LARGE);
  });

  it("refusing the bomb costs no more than reading a small workbook", async () => {
    const small = buildXlsx(list(10));
    const ratio = (await time(() => parseXlsx(bomb))) / Math.max(1, await time(() => parseXlsx(small)));
    expect(ratio).toBeLessThan(5);
  });

  it.each([
    ["entries that overlap", () => overlapping(2), XLSX_UNREADABLE],
    ["more entries than a workbook has", () => overlapping(MAX_ENTRIES + 1), XLSX_TOO_LARGE],
    ["an entry that inflates to more than it declares", understated, XLSX_UNREADABLE],
    ["a truncated archive", () => buildXlsx(list(10)).subarray(0, 200), XLSX_UNREADABLE],
  ])("%s is refused", async (_name, make, message) => {
    expect(await refusal(make())).toBe(message);
  });
});

describe("through the bulk API", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenant();
  });

  it("a zip bomb upload is a 400 and nothing is stored; a normal upload afterwards is a 201", async () => {
    const upload = async (bytes: Uint8Array) => {
      const form = new FormData();
      form.set("template_id", tenant.smsTemplateId);
      form.set("name", "Lijst");
      form.set("file", new File([bytes], "lijst.xlsx"));
      return exports.default.fetch(url("/v2/notifications/bulk"), {
        method: "POST",
        headers: { authorization: `Bearer ${await jwtFor(tenant.keys.test)}` },
        body: form,
      });
    };
    const jobs = await countRows("jobs");
    const bombed = await upload(overlapping(MAX_ENTRIES + 1));
    expect(bombed.status).toBe(400);
    expect((await readError(bombed)).messages).toEqual([XLSX_TOO_LARGE]);
    expect(await countRows("jobs")).toBe(jobs);
    const normal = await upload(
      buildXlsx([
        ["phone number", "naam", "code"],
        ["0612345678", "Jan", "1"],
      ]),
    );
    expect(normal.status).toBe(201);
  });
});
