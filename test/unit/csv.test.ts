/** CSV job files (src/jobs/parse-csv.ts, papaparse): quoting, line ends, Dutch semicolons, formulas kept as text, GC's error. */
import { describe, expect, it } from "vitest";
import { NotifyError } from "../../src/errors";
import { parseCsv } from "../../src/jobs/parse-csv";

describe("parseCsv (papaparse)", () => {
  it("parses quoted fields, CRLF, a BOM, and skips blank lines", () => {
    expect(parseCsv('\uFEFFphone number,naam\r\n0612345678,"de Vries, Jan"\r\n\r\n0612345679,"Piet ""P"""\r\n')).toEqual([
      ["phone number", "naam"],
      ["0612345678", "de Vries, Jan"],
      ["0612345679", 'Piet "P"'],
    ]);
  });

  it("guesses the semicolon of Dutch Excel exports, and reads a single column", () => {
    expect(parseCsv("phone number;naam\n0612345678;Jan\n")).toEqual([
      ["phone number", "naam"],
      ["0612345678", "Jan"],
    ]);
    expect(parseCsv("email address\na@example.nl\nb@example.nl")).toEqual([["email address"], ["a@example.nl"], ["b@example.nl"]]);
  });

  it("keeps formula-looking cells as plain text (never evaluated)", () => {
    expect(parseCsv("naam\n=1+1\n+31\n-2\n@SUM(A1)\n")).toEqual([["naam"], ["=1+1"], ["+31"], ["-2"], ["@SUM(A1)"]]);
  });

  it("refuses unbalanced quotes with GC's message", () => {
    let error: unknown;
    try {
      parseCsv('phone number,naam\n0612345678,"Jan\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotifyError);
    expect((error as NotifyError).errors[0]?.message).toMatch(/^Error converting to CSV: /);
  });
});
