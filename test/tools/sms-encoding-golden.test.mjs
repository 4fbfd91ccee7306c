// Golden vectors for the CM simulator's GSM-7 / UCS-2 detection and part counting
// (tools/cm-simulator/encoding.mjs). The app's copy of the alphabet (src/providers/sms/fragments.ts)
// is checked against the same vectors by test/unit/sms-encoding-golden.test.ts.
// Run: npx vitest run --project tools
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, test } from "vitest";
import { countParts, detectEncoding, isGsm7 } from "../../tools/cm-simulator/encoding.mjs";
import { startCmSimulator } from "../../tools/cm-simulator/server.mjs";

const { vectors } = JSON.parse(readFileSync(new URL("./sms-golden-vectors.json", import.meta.url), "utf8"));
const textOf = (v) => v.text.map(([piece, times]) => piece.repeat(times)).join("");

describe("GSM-7 / UCS-2 golden vectors: encoding.mjs", () => {
  for (const v of vectors) {
    test(v.name, () => {
      const text = textOf(v);
      assert.equal(detectEncoding(text, "auto"), v.encoding);
      assert.equal(isGsm7(text), v.encoding === "gsm");
      assert.deepEqual(countParts(text, v.encoding), { parts: v.parts, units: v.units });
    });
  }
});

describe("GSM-7 / UCS-2 golden vectors: the send endpoint", () => {
  let sim;
  beforeAll(async () => {
    sim = await startCmSimulator();
  });
  afterAll(() => sim.close());

  test("reports each vector's parts and stores its encoding", async () => {
    const sendable = vectors.filter((v) => textOf(v).length > 0); // empty content is rejected (304)
    const msg = sendable.map((v, i) => ({
      from: "Gemeente",
      to: [{ number: "0031612345678" }],
      body: { type: "auto", content: textOf(v) },
      reference: `v${i}`,
      maximumNumberOfMessageParts: 255,
    }));
    const res = await fetch(`${sim.url}/v1.0/message`, {
      method: "POST",
      headers: { "x-cm-producttoken": "00000000-0000-0000-0000-000000000001" },
      body: JSON.stringify({ messages: { msg } }),
    });
    const body = await res.json();
    assert.equal(res.status, 200);
    assert.equal(body.errorCode, 0);
    assert.deepEqual(
      body.messages.map((m) => [m.reference, m.parts]),
      sendable.map((v, i) => [`v${i}`, v.parts]),
    );
    assert.deepEqual(
      sim.messages().map((m) => [m.reference, m.encoding]),
      sendable.map((v, i) => [`v${i}`, v.encoding]),
    );
  });
});
