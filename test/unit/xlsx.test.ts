/** Spreadsheet job files (src/jobs/parse-xlsx.ts, src/jobs/read-file.ts) in workerd. */
import { describe, expect, it } from "vitest";
import { NotifyError } from "../../src/errors";
import { parseXlsx } from "../../src/jobs/parse-xlsx";
import { tableFromFile, UNSUPPORTED_FILE } from "../../src/jobs/read-file";
import { buildXlsx } from "../support/xlsx-builder";

async function rejection(promise: Promise<unknown>): Promise<NotifyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof NotifyError)) throw new Error(`expected an NotifyError, got ${String(error)}`);
  return error;
}

describe("parseXlsx (read-excel-file in workerd)", () => {
  it("reads the first sheet as text: strings, numbers, formula results", async () => {
    const bytes = buildXlsx([
      ["phone number", "naam", "code"],
      ["0612345678", "Jan", 1234],
      ["+31 6 12345679", '=HYPERLINK("x")', { formula: "1+1", cached: "2" }],
    ]);
    expect(await parseXlsx(bytes)).toEqual([
      ["phone number", "naam", "code"],
      ["0612345678", "Jan", "1234"],
      ["+31 6 12345679", '=HYPERLINK("x")', "2"],
    ]);
  });

  it("refuses bytes that are not a workbook", async () => {
    const error = await rejection(parseXlsx(new TextEncoder().encode("not a zip at all")));
    expect(error.status).toBe(400);
    expect(error.errors[0]?.message).toBe("The file could not be read as an .xlsx spreadsheet");
  });
});

describe("tableFromFile", () => {
  it("takes .xlsx by name and content, CSV by name", async () => {
    expect(await tableFromFile(buildXlsx([["email address"], ["a@example.nl"]]), "lijst.xlsx")).toEqual([
      ["email address"],
      ["a@example.nl"],
    ]);
    expect(await tableFromFile(new TextEncoder().encode("email address\na@example.nl\n"), "lijst.csv")).toEqual([
      ["email address"],
      ["a@example.nl"],
    ]);
  });

  it("refuses other file types, legacy .xls and a zip that is not a workbook", async () => {
    expect((await rejection(tableFromFile(new TextEncoder().encode("%PDF-1.7"), "brief.pdf"))).errors[0]?.message).toBe(UNSUPPORTED_FILE);
    expect((await rejection(tableFromFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), "oud.xls"))).errors[0]?.message).toMatch(
      /Legacy \.xls/,
    );
    expect((await rejection(tableFromFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), "kapot.xlsx"))).errors[0]?.message).toMatch(
      /could not be read/,
    );
    expect((await rejection(tableFromFile(new Uint8Array([0x68, 0x00, 0x69]), "binary.csv"))).errors[0]?.message).toBe(UNSUPPORTED_FILE);
  });

  it("reads Windows-1252 CSV from older Excel versions", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("naam\n"), 0x4a, 0x6f, 0xeb, 0x6c]); // "Joël" in cp1252
    expect(await tableFromFile(bytes, "oud.csv")).toEqual([["naam"], ["Joël"]]);
  });
});
