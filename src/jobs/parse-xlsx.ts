/**
 * The first sheet of an .xlsx workbook → a table of strings, with read-excel-file's universal build
 * (fflate + a SAX parser: no DOM, no Node APIs, so it runs in workerd), on the workbook as
 * xlsx-archive.ts unpacked it within its budget.
 *
 * Formula cells give the value Excel saved with the file; the formula itself is never read or
 * evaluated. Dates become ISO dates (YYYY-MM-DD, or a full timestamp when there is a time part),
 * numbers their shortest decimal form, booleans TRUE/FALSE as Excel shows them.
 */
import { readSheet } from "read-excel-file/universal";
import { Errors } from "../errors";
import { log } from "../lib/log";
import { ArchiveRefused, MAX_INFLATED_BYTES, repackWorkbook } from "./xlsx-archive";

export const XLSX_UNREADABLE = "The file could not be read as an .xlsx spreadsheet";
export const XLSX_TOO_LARGE = `The spreadsheet is too large: at most ${MAX_INFLATED_BYTES / 1024 / 1024} MB when unpacked`;
const LEGACY_XLS = "Legacy .xls files are not supported: save the file as .xlsx or .csv";

/** Parses the first sheet; throws a 400 BadRequestError when the bytes are not a readable workbook. */
export async function parseXlsx(bytes: Uint8Array): Promise<string[][]> {
  let workbook: Uint8Array;
  try {
    workbook = repackWorkbook(bytes);
  } catch (error) {
    if (!(error instanceof ArchiveRefused)) throw error;
    log.warn("xlsx_refused", { reason: error.message });
    throw Errors.badRequest(error.tooLarge ? XLSX_TOO_LARGE : XLSX_UNREADABLE);
  }
  let rows: unknown[][];
  try {
    rows = (await readSheet(workbook.slice().buffer)) as unknown[][];
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
    throw Errors.badRequest(code === "XLS_FILE_NOT_SUPPORTED" ? LEGACY_XLS : XLSX_UNREADABLE);
  }
  return rows.map((row) => row.map(cellText)).filter((row) => row.some((cell) => cell.trim() !== ""));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}
