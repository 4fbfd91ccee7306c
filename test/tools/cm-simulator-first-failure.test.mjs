// The CM.com fake's "fails once" magic number 0006 (tools/cm-simulator/reports.mjs, state.mjs,
// control.mjs): the first message to such a recipient gets a temporary failure, later ones are
// delivered, and a reset forgets who already failed. In Node (the "tools" vitest project).
import assert from "node:assert/strict";
import http from "node:http";
import { afterAll, afterEach, beforeAll, describe, test } from "vitest";
import { startCmSimulator } from "../../tools/cm-simulator/server.mjs";

/** A webhook receiver that records the status of every report it gets. */
async function startReceiver() {
  const statuses = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      statuses.push(JSON.parse(Buffer.concat(chunks).toString("utf8")).messages.msg.status);
      res.writeHead(200).end("ok");
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    statuses,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

/** Sends one message to `to` and waits for its report. */
async function sendOne(sim, to, reference) {
  const res = await fetch(`${sim.url}/v1.0/message`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-cm-producttoken": "00000000-0000-0000-0000-000000000001" },
    body: JSON.stringify({ messages: { msg: [{ from: "Gemeente", to: [{ number: to }], body: { content: "Hallo" }, reference }] } }),
  });
  assert.equal(res.status, 200);
  await res.arrayBuffer();
  await sim.waitForReports();
}

describe("magic number 0006: the first message fails temporarily, later ones are delivered", () => {
  let sim;
  let receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startCmSimulator({ reportUrl: `${receiver.url}/dlr`, reportDelayMs: 0 });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  afterEach(() => {
    sim.reset();
    receiver.statuses.length = 0;
  });

  test("first message 3/7, the second to the same number 2 (delivered)", async () => {
    await sendOne(sim, "0031612340006", "a1");
    await sendOne(sim, "0031612340006", "a2");
    assert.deepEqual(
      receiver.statuses.map((s) => `${s.code}/${s.errorCode}`),
      ["3/7", "2/"],
    );
  });

  test("each recipient fails once: another number ending in 0006 gets its own first failure", async () => {
    await sendOne(sim, "0031612340006", "b1");
    await sendOne(sim, "0031698760006", "b2");
    assert.deepEqual(
      receiver.statuses.map((s) => s.code),
      ["3", "3"],
    );
  });

  test("a reset forgets who failed: the next message fails again", async () => {
    await sendOne(sim, "0031612340006", "c1");
    sim.reset();
    sim.configure({ reportUrl: `${receiver.url}/dlr`, reportDelayMs: 0 });
    await sendOne(sim, "0031612340006", "c2");
    assert.deepEqual(
      receiver.statuses.map((s) => s.code),
      ["3", "3"],
    );
  });
});
