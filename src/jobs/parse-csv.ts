/**
 * CSV text → a table of strings, with papaparse. The delimiter is guessed among comma, semicolon
 * and tab, because Excel with a Dutch locale saves "CSV" with semicolons. Cells are text and nothing
 * else: a cell such as `=HYPERLINK(...)` is kept literally and never evaluated (formula injection
 * only matters to a spreadsheet program, and we never produce one from these values).
 */
import Papa from "papaparse";
import { Errors } from "../errors";

/** Errors papaparse reports that do not make the data unreadable. */
const HARMLESS = new Set(["UndetectableDelimiter"]);

/** Parses CSV text; blank lines are skipped. Throws GC's "Error converting to CSV: …" (400) when unreadable. */
export function parseCsv(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(input, {
    header: false,
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", ";", "\t"],
    dynamicTyping: false,
  });
  const fatal = result.errors.find((error) => !HARMLESS.has(error.code));
  if (fatal) {
    const where = fatal.row === undefined ? "" : ` (line ${fatal.row + 2})`;
    throw Errors.badRequest(`Error converting to CSV: ${fatal.message}${where}`);
  }
  return result.data;
}
