/**
 * Golden vectors for the app's GSM-7 / UCS-2 detection and part counting (src/providers/sms/fragments.ts).
 * The CM simulator keeps its own copy of the alphabet (tools/cm-simulator/encoding.mjs); the same vectors
 * check that copy in test/tools/sms-encoding-golden.test.mjs, so a bug in either copy shows up.
 */
import { describe, expect, it } from "vitest";
import { countSmsParts, type SmsEncoding, smsEncoding } from "../../src/providers/sms/fragments";
import golden from "../tools/sms-golden-vectors.json";

interface GoldenVector {
  name: string;
  /** [piece, repeat] pairs, concatenated. */
  text: [string, number][];
  encoding: SmsEncoding;
  units: number;
  parts: number;
}

const vectors = golden.vectors as GoldenVector[];
const textOf = (v: GoldenVector) => v.text.map(([piece, times]) => piece.repeat(times)).join("");

describe("GSM-7 / UCS-2 golden vectors: src/providers/sms/fragments.ts", () => {
  it("has the vectors", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(20);
  });

  it.each(vectors.map((v) => [v.name, v] as const))("%s", (_name, v) => {
    const text = textOf(v);
    expect(smsEncoding(text)).toBe(v.encoding);
    expect(countSmsParts(text)).toBe(v.parts);
  });
});
