/**
 * An uploaded spreadsheet → a table of strings. The type is taken from the file name (.csv, .xlsx)
 * and checked against the content: an .xlsx is a ZIP archive, a CSV is text without NUL bytes.
 * Anything else is refused with a 400 before any row is looked at.
 */
import { Errors } from "../errors";
import { parseCsv } from "./parse-csv";
import { parseXlsx, XLSX_UNREADABLE } from "./parse-xlsx";

export const UNSUPPORTED_FILE = "File type not supported: upload a .csv or .xlsx file";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** Reads CSV text, or the bytes of an uploaded .csv/.xlsx file named `fileName`. */
export async function tableFromFile(input: string | Uint8Array, fileName: string): Promise<string[][]> {
  if (typeof input === "string") return parseCsv(input);
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  const zip = startsWith(input, ZIP_MAGIC);
  if (extension === "xlsx" || (extension === "" && zip)) {
    if (!zip) throw Errors.badRequest(XLSX_UNREADABLE);
    return parseXlsx(input);
  }
  if (startsWith(input, OLE_MAGIC)) throw Errors.badRequest("Legacy .xls files are not supported: save the file as .xlsx or .csv");
  if ((extension !== "csv" && extension !== "txt" && extension !== "") || zip || input.includes(0)) {
    throw Errors.badRequest(UNSUPPORTED_FILE);
  }
  return parseCsv(decodeText(input));
}

/** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what older Excel versions save). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}
