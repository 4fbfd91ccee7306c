// Tests for the CM.com fake (tools/cm-simulator), in Node (the "tools" vitest project).
import assert from "node:assert/strict";
import http from "node:http";
import { afterAll, afterEach, beforeAll, describe, test } from "vitest";
import { countParts, detectEncoding } from "../../tools/cm-simulator/encoding.mjs";
import * as serverModule from "../../tools/cm-simulator/server.mjs";
import { MAGIC_NUMBERS, startCmSimulator } from "../../tools/cm-simulator/server.mjs";

const TOKEN = "00000000-0000-0000-0000-000000000001";

/** A local webhook receiver that records every request; `statusFor(n)` picks the answer to the n-th (1-based). */
async function startReceiver(statusFor = () => 200) {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const entry = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(entry);
      res.writeHead(statusFor(received.length, entry)).end("ok");
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    received,
    async waitFor(n, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`receiver got ${received.length}/${n} requests`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return received;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

function msg(to, overrides = {}) {
  return {
    from: "Gemeente",
    to: [{ number: to }],
    body: { type: "auto", content: "Uw afspraak is morgen." },
    reference: `ref${to.slice(-6)}`,
    ...overrides,
  };
}

async function send(sim, msgs, { token = TOKEN, headers = {}, raw } = {}) {
  const res = await fetch(`${sim.url}/v1.0/message`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { "x-cm-producttoken": token } : {}), ...headers },
    body: raw ?? JSON.stringify({ messages: { msg: msgs } }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function control(sim, method, path, body) {
  const res = await fetch(`${sim.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe("encoding and parts", () => {
  test("GSM 160/153 and UCS-2 70/67", () => {
    assert.deepEqual(countParts("a".repeat(160), "gsm"), { parts: 1, units: 160 });
    assert.equal(countParts("a".repeat(161), "gsm").parts, 2);
    assert.equal(countParts("a".repeat(306), "gsm").parts, 2);
    assert.equal(countParts("a".repeat(307), "gsm").parts, 3);
    assert.equal(countParts("€".repeat(80), "gsm").units, 160); // extension chars: 2 septets
    assert.equal(countParts("€".repeat(81), "gsm").parts, 2);
    assert.equal(detectEncoding("Hallo wereld €", "auto"), "gsm");
    assert.equal(detectEncoding("Κείμενο", "auto"), "ucs2");
    assert.equal(detectEncoding("Κείμενο", "text", 0), "gsm");
    assert.equal(countParts("ж".repeat(70), "ucs2").parts, 1);
    assert.equal(countParts("ж".repeat(71), "ucs2").parts, 2);
    assert.equal(countParts("ж".repeat(134), "ucs2").parts, 2);
    assert.equal(countParts("ж".repeat(135), "ucs2").parts, 3);
    assert.equal(countParts("😀".repeat(35), "ucs2").parts, 1); // surrogate pairs: 2 code units each
    assert.equal(countParts("😀".repeat(36), "ucs2").parts, 2);
  });
});

describe("send endpoint", () => {
  let sim;
  beforeAll(async () => {
    sim = await startCmSimulator();
  });
  afterAll(() => sim.close());
  afterEach(() => sim.reset());

  test("all accepted: 200, errorCode 0, one entry per recipient, parts counted", async () => {
    const { status, body } = await send(sim, [
      msg("0031612345678"),
      {
        ...msg("0031612345679"),
        to: [{ number: "0031612345679" }, { number: "0032470123456" }],
        body: { type: "auto", content: "a".repeat(161) },
      },
      { ...msg("0031612345670"), body: { type: "AUTO", content: "Κείμενο διαθέσιμο σε όλες τις γλώσσες ".repeat(2) } },
    ]);
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body), ["details", "errorCode", "messages"]);
    assert.equal(body.details, "Created 4 message(s)");
    assert.equal(body.errorCode, 0);
    assert.deepEqual(body.messages[0], {
      to: "0031612345678",
      status: "Accepted",
      reference: "ref345678",
      parts: 1,
      messageDetails: null,
      messageErrorCode: 0,
    });
    assert.deepEqual(
      body.messages.map((m) => [m.to, m.parts]),
      [
        ["0031612345678", 1],
        ["0031612345679", 2],
        ["0032470123456", 2],
        ["0031612345670", 2], // 76 UCS-2 code units > 70
      ],
    );
    assert.equal(sim.state.messagesReceived, 4);
  });

  test("also accepts /v1.0/message/ and body authentication (productToken / producttoken)", async () => {
    for (const key of ["productToken", "producttoken", "PRODUCTTOKEN"]) {
      const res = await fetch(`${sim.url}/v1.0/message/`, {
        method: "POST",
        body: JSON.stringify({ messages: { authentication: { [key]: TOKEN }, msg: [msg("0031612345678")] } }),
      });
      assert.equal(res.status, 200, key);
      assert.equal((await res.json()).errorCode, 0);
    }
  });

  test("partial: 200 with errorCode 201 (the example in CM's docs)", async () => {
    const { status, body } = await send(sim, [
      msg("00447911123456", { reference: "yourreferenceA" }),
      msg("00447911123457", { reference: "yourreferenceB", body: { type: "auto", content: "" } }),
    ]);
    assert.equal(status, 200);
    assert.deepEqual(body, {
      details: "Created 1 message(s)",
      errorCode: 201,
      messages: [
        { to: "00447911123456", status: "Accepted", reference: "yourreferenceA", parts: 1, messageDetails: null, messageErrorCode: 0 },
        {
          to: "00447911123457",
          status: "Rejected",
          reference: "yourreferenceB",
          parts: 0,
          messageDetails: "A body without content was found",
          messageErrorCode: 304,
        },
      ],
    });
  });

  test("all rejected: 400 with errorCode 201 and 'Created 0 message(s)'", async () => {
    const { status, body } = await send(sim, [msg("0044791112345a", { reference: "yourreferenceA" })]);
    assert.equal(status, 400);
    assert.equal(body.details, "Created 0 message(s)");
    assert.equal(body.errorCode, 201);
    assert.deepEqual(body.messages, [
      {
        to: "0044791112345a",
        status: "Rejected",
        reference: "yourreferenceA",
        parts: 0,
        messageDetails: "Gsm '0044791112345a' is not a number.",
        messageErrorCode: 303,
      },
    ]);
    assert.equal(sim.state.messagesReceived, 0);
    assert.equal(sim.state.messagesRejected, 1);
  });

  test("per-message validation codes: from 301, number 303, reference 305, too many parts 304", async () => {
    const { status, body } = await send(sim, [
      msg("0031612345678", { from: "GemeenteAmsterdam" }), // 16 chars, not all digits
      msg("0031612345678", { from: "+31612345678" }),
      msg("0612345678"), // national format
      msg("+31612345678"),
      msg("0031612345678", { reference: "has-dash" }),
      msg("0031612345678", { reference: "x".repeat(33) }),
      msg("0031612345678", { body: { type: "auto", content: "a".repeat(161) }, maximumNumberOfMessageParts: 1 }),
      msg("0031612345678", { body: { type: "auto", content: "a".repeat(153 * 8 + 1) } }), // default max 8
      msg("0031612345678", { from: "1234567890123456" }), // 16 digits: fine
      msg("0031612345678", { reference: undefined }), // reference is optional
    ]);
    assert.equal(status, 200);
    assert.deepEqual(
      body.messages.map((m) => m.messageErrorCode),
      [301, 301, 303, 303, 305, 305, 304, 304, 0, 0],
    );
    assert.equal(body.messages[3].messageDetails, "Gsm '+31612345678' is not a number.");
    assert.equal(body.messages[9].reference, null);
    assert.equal(body.details, "Created 2 message(s)");
  });

  test("missing or unknown token: 400 errorCode 101", async () => {
    const expected = { details: "No account found for the given authentication", errorCode: 101, messages: [] };
    assert.deepEqual(await send(sim, [msg("0031612345678")], { token: null }), { status: 400, body: expected });
    assert.deepEqual(await send(sim, [msg("0031612345678")], { token: "not-a-guid" }), { status: 400, body: expected });
    assert.deepEqual(await send(sim, [msg("0031612345678")], { token: "00000000000000000000000000000001" }), {
      status: 400,
      body: expected,
    });
    const strict = await startCmSimulator({ productToken: TOKEN });
    try {
      assert.deepEqual(await send(strict, [msg("0031612345678")], { token: "11111111-1111-1111-1111-111111111111" }), {
        status: 400,
        body: expected,
      });
      assert.equal((await send(strict, [msg("0031612345678")])).status, 200);
    } finally {
      await strict.close();
    }
    await control(sim, "POST", "/__sim/config", { authFailure: true });
    assert.deepEqual(await send(sim, [msg("0031612345678")]), { status: 400, body: expected });
  });

  test("malformed JSON 202, bad msg array 203, more than 1000 msg 203", async () => {
    let r = await send(sim, [], { raw: '{"messages": {"msg": [' });
    assert.equal(r.status, 400);
    assert.equal(r.body.errorCode, 202);
    assert.deepEqual(r.body.messages, []);
    r = await send(sim, [], { raw: "[1,2]" });
    assert.equal(r.body.errorCode, 202);
    r = await send(sim, []);
    assert.equal(r.status, 400);
    assert.equal(r.body.errorCode, 203);
    r = await send(sim, [], { raw: JSON.stringify({ messages: { msg: msg("0031612345678") } }) });
    assert.equal(r.body.errorCode, 203);
    r = await send(
      sim,
      Array.from({ length: 1001 }, () => msg("0031612345678")),
    );
    assert.equal(r.status, 400);
    assert.equal(r.body.errorCode, 203);
    r = await send(
      sim,
      Array.from({ length: 1000 }, () => msg("0031612345678")),
    );
    assert.equal(r.status, 200);
    assert.equal(r.body.details, "Created 1000 message(s)");
  });

  test("rejectAll rejects every message with 403", async () => {
    await control(sim, "POST", "/__sim/config", { rejectAll: true });
    const r = await send(sim, [msg("0031612345678")]);
    assert.equal(r.status, 400);
    assert.equal(r.body.messages[0].messageErrorCode, 403);
  });
});

describe("delivery reports", () => {
  let sim;
  let receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startCmSimulator({ reportUrl: `${receiver.url}/dlr?token=abc`, reportDelayMs: 0, reportRetryBaseMs: 20 });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  afterEach(() => {
    sim.reset();
    receiver.received.length = 0;
  });

  test("JSON form: one POST per recipient, all strings, outcome by magic number", async () => {
    const numbers = ["0031612345678", "0031612340002", "0031612340003", "0031612340004"];
    await send(
      sim,
      numbers.map((n) => msg(n)),
    );
    await receiver.waitFor(4);
    await sim.waitForReports();
    const byTo = Object.fromEntries(receiver.received.map((r) => [JSON.parse(r.body).messages.msg.to, r]));
    const first = byTo["0031612345678"];
    assert.equal(first.method, "POST");
    assert.equal(first.url, "/dlr?token=abc");
    assert.match(first.headers["content-type"], /^application\/json/);
    const report = JSON.parse(first.body);
    assert.deepEqual(Object.keys(report.messages.msg), ["received", "to", "reference", "status", "operator"]);
    assert.match(report.messages.msg.received, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.deepEqual(report.messages.msg.status, { code: "2", errorCode: "", errorDescription: "" });
    assert.equal(report.messages.msg.reference, "ref345678");
    assert.equal(report.messages.msg.operator, "20408");
    const status = (n) => JSON.parse(byTo[n].body).messages.msg.status;
    assert.deepEqual(status("0031612340002"), { code: "3", errorCode: "5", errorDescription: "Message not delivered at third party" });
    assert.equal(status("0031612340003").code, "3");
    assert.equal(status("0031612340003").errorCode, "7");
    assert.equal(status("0031612340004").code, "1");
    for (const r of receiver.received) {
      const m = JSON.parse(r.body).messages.msg;
      for (const v of [m.received, m.to, m.reference, m.operator, ...Object.values(m.status)]) assert.equal(typeof v, "string");
    }
    assert.equal(sim.state.reportsSent, 4);
  });

  test("number ending in 0005 only ever gets an intermediate 'accepted' report", async () => {
    await send(sim, [msg("0031612340005")]);
    await receiver.waitFor(1);
    await sim.waitForReports();
    await sleep(60);
    assert.equal(receiver.received.length, 1);
    assert.equal(JSON.parse(receiver.received[0].body).messages.msg.status.code, "0");
  });

  test("XML form", async () => {
    sim.configure({ reportFormat: "xml" });
    await send(sim, [msg("0031612340002", { reference: "A1" })]);
    const [r] = await receiver.waitFor(1);
    assert.equal(r.method, "POST");
    assert.match(r.headers["content-type"], /^application\/xml/);
    assert.match(
      r.body,
      /^<MESSAGES><MSG RECEIVED="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"><TO>0031612340002<\/TO><REFERENCE>A1<\/REFERENCE><STATUS><CODE>3<\/CODE><ERRORCODE>5<\/ERRORCODE><ERRORDESCRIPTION>Message not delivered at third party<\/ERRORDESCRIPTION><\/STATUS><\/MSG><\/MESSAGES>$/,
    );
  });

  test("GET form", async () => {
    await control(sim, "POST", "/__sim/config", { reportFormat: "get" });
    await send(sim, [msg("0031612345678", { reference: "G1" })]);
    const [r] = await receiver.waitFor(1);
    assert.equal(r.method, "GET");
    const q = new URL(r.url, "http://x").searchParams;
    assert.equal(q.get("token"), "abc"); // existing query kept
    assert.equal(q.get("to"), "0031612345678");
    assert.equal(q.get("reference"), "G1");
    assert.equal(q.get("statuscode"), "2");
    assert.equal(q.get("errorcode"), "");
    assert.match(q.get("sent"), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.match(q.get("received"), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.equal(q.get("errordescription"), "");
  });

  test("reportDelayMs delays the report", async () => {
    sim.configure({ reportDelayMs: 300 });
    const t0 = Date.now();
    await send(sim, [msg("0031612345678")]);
    await sleep(150);
    assert.equal(receiver.received.length, 0);
    await receiver.waitFor(1);
    assert.ok(Date.now() - t0 >= 290);
  });

  test("intermediate and out-of-order reports", async () => {
    sim.configure({ intermediateReports: true });
    await send(sim, [msg("0031612345678")]);
    await receiver.waitFor(2);
    await sim.waitForReports();
    assert.deepEqual(
      receiver.received.map((r) => JSON.parse(r.body).messages.msg.status.code),
      ["0", "2"],
    );
    receiver.received.length = 0;
    sim.configure({ intermediateReports: false, outOfOrderReports: true });
    await send(sim, [msg("0031612345678")]);
    await receiver.waitFor(2);
    const [final, early] = receiver.received.map((r) => JSON.parse(r.body).messages.msg);
    assert.deepEqual([final.status.code, early.status.code], ["2", "0"]);
    assert.ok(early.received < final.received, "the late 'accepted' report carries an earlier timestamp");
  });

  test("duplicateReports sends every report twice", async () => {
    await control(sim, "POST", "/__sim/config", { duplicateReports: true });
    await send(sim, [msg("0031612345678"), msg("0031612340002")]);
    await receiver.waitFor(4);
    await sim.waitForReports();
    await sleep(50);
    assert.equal(receiver.received.length, 4);
    const counts = {};
    for (const r of receiver.received) {
      const key = r.body;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    assert.deepEqual(Object.values(counts), [2, 2]);
    assert.equal(sim.state.reportsSent, 4);
  });

  test("retries with backoff when the receiver answers non-2xx", async () => {
    const flaky = await startReceiver((n) => (n <= 2 ? 503 : 200));
    try {
      sim.configure({ reportUrl: `${flaky.url}/dlr` });
      await send(sim, [msg("0031612345678")]);
      await flaky.waitFor(3);
      await sim.waitForReports();
      assert.equal(flaky.received.length, 3);
      assert.equal(sim.state.reportsSent, 1);
      assert.equal(sim.state.reportAttemptsFailed, 2);
      assert.equal(sim.state.reportsFailed, 0);
    } finally {
      await flaky.close();
    }
  });

  test("gives up after 5 attempts when the receiver is down", async () => {
    const gone = await startReceiver();
    const deadUrl = `${gone.url}/dlr`;
    await gone.close();
    sim.configure({ reportUrl: deadUrl });
    await send(sim, [msg("0031612345678")]);
    await sim.waitForReports({ timeoutMs: 5000 });
    const { body } = await control(sim, "GET", "/__sim/state");
    assert.equal(body.reportAttempts, 5);
    assert.equal(body.reportAttemptsFailed, 5);
    assert.equal(body.reportsFailed, 1);
    assert.equal(body.reportsSent, 0);
    assert.equal(body.reportsPending, 0);
  });

  test("rejected messages get no report; no reportUrl means no reports", async () => {
    await send(sim, [msg("0031612345678", { body: { type: "auto", content: "" } })]);
    sim.configure({ reportUrl: null });
    await send(sim, [msg("0031612345678")]);
    await sleep(150);
    assert.equal(receiver.received.length, 0);
    assert.equal(sim.pendingReports(), 0);
  });
});

describe("failure modes and control API", () => {
  let sim;
  beforeAll(async () => {
    sim = await startCmSimulator();
  });
  afterAll(() => sim.close());
  afterEach(() => sim.reset());

  test("failNextRequests answers failStatus without creating messages, then recovers", async () => {
    const cfg = await control(sim, "POST", "/__sim/config", { failNextRequests: 2 });
    assert.equal(cfg.status, 200);
    assert.equal(cfg.body.failNextRequests, 2);
    assert.equal((await send(sim, [msg("0031612345678")])).status, 503);
    await control(sim, "POST", "/__sim/config", { failStatus: 500 });
    assert.equal((await send(sim, [msg("0031612345678")])).status, 500);
    assert.equal((await send(sim, [msg("0031612345678")])).status, 200);
    const { body } = await control(sim, "GET", "/__sim/state");
    assert.equal(body.requests, 3);
    assert.equal(body.failedRequests, 2);
    assert.equal(body.messagesReceived, 1);
  });

  test("failUntil fails every request until the given time", async () => {
    sim.configure({ failUntil: Date.now() + 200 });
    assert.equal((await send(sim, [msg("0031612345678")])).status, 503);
    await sleep(220);
    assert.equal((await send(sim, [msg("0031612345678")])).status, 200);
  });

  test("delayMs answers slowly (messages are created anyway); hangRequests never answers", async () => {
    sim.configure({ delayMs: 200 });
    const t0 = Date.now();
    assert.equal((await send(sim, [msg("0031612345678")])).status, 200);
    assert.ok(Date.now() - t0 >= 190);
    sim.configure({ delayMs: 0, hangRequests: true });
    await assert.rejects(
      fetch(`${sim.url}/v1.0/message`, {
        method: "POST",
        headers: { "x-cm-producttoken": TOKEN },
        body: JSON.stringify({ messages: { msg: [msg("0031612345678")] } }),
        signal: AbortSignal.timeout(200),
      }),
      (err) => err.name === "TimeoutError",
    );
    assert.equal(sim.state.hungRequests, 1);
    assert.equal(sim.state.messagesReceived, 1);
  });

  test("state counters, duplicates, stored messages and reset", async () => {
    await send(sim, [msg("0031612345678", { reference: "R1" }), msg("0031612345679", { reference: "R2" })]);
    await send(sim, [msg("0031612345678", { reference: "R1" })]); // a client retry
    await send(sim, [msg("0031612345678", { reference: "R1" }), msg("bad", { reference: "R3" })]);
    const { body: st } = await control(sim, "GET", "/__sim/state");
    assert.equal(st.requests, 3);
    assert.equal(st.messagesReceived, 4);
    assert.equal(st.messagesRejected, 1);
    assert.deepEqual(st.byReference, { R1: 3, R2: 1 });
    assert.equal(st.duplicates, 1);
    assert.equal(st.duplicateMessages, 2);
    assert.equal(st.reportsSent, 0);
    assert.equal(st.reportsFailed, 0);

    const { body: list } = await control(sim, "GET", "/__sim/messages?reference=R1");
    assert.equal(list.count, 3);
    const m = list.messages[0];
    assert.equal(m.to, "0031612345678");
    assert.equal(m.from, "Gemeente");
    assert.deepEqual(m.body, { type: "auto", content: "Uw afspraak is morgen." });
    assert.equal(m.reference, "R1");
    assert.equal(m.parts, 1);
    assert.match(m.receivedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal((await control(sim, "GET", "/__sim/messages")).body.count, 4);

    assert.equal((await control(sim, "POST", "/__sim/reset")).status, 200);
    const { body: after } = await control(sim, "GET", "/__sim/state");
    assert.equal(after.requests, 0);
    assert.equal(after.messagesReceived, 0);
    assert.deepEqual(after.byReference, {});
    assert.equal((await control(sim, "GET", "/__sim/messages?reference=R1")).body.count, 0);
  });

  test("config validation and reset to start options", async () => {
    const bad = await control(sim, "POST", "/__sim/config", { failNextRequests: -1 });
    assert.equal(bad.status, 400);
    assert.equal((await control(sim, "POST", "/__sim/config", { nonsense: true })).status, 400);
    assert.equal((await control(sim, "POST", "/__sim/config", { reportFormat: "yaml" })).status, 400);
    await control(sim, "POST", "/__sim/config", { rejectAll: true, reportDelayMs: 5 });
    await control(sim, "POST", "/__sim/reset");
    const { body } = await control(sim, "GET", "/__sim/config");
    assert.equal(body.rejectAll, false);
    assert.equal(body.reportDelayMs, 200);
    await assert.rejects(startCmSimulator({ reportFormat: "csv" }), /reportFormat/);
  });

  test("message store is bounded, counters are not", async () => {
    const small = await startCmSimulator({ maxStoredMessages: 3 });
    try {
      for (let i = 0; i < 5; i += 1) await send(small, [msg("0031612345678", { reference: `M${i}` })]);
      const all = small.messages();
      assert.deepEqual(
        all.map((m) => m.reference),
        ["M2", "M3", "M4"],
      );
      assert.equal(small.messages({ reference: "M0" }).length, 0);
      assert.equal(small.state.messagesReceived, 5);
    } finally {
      await small.close();
    }
  });

  test("inbound (MO) is POSTed in CM's JSON form", async () => {
    const receiver = await startReceiver((n) => (n === 1 ? 200 : 500));
    try {
      sim.configure({ inboundUrl: `${receiver.url}/mo` });
      const { status, body } = await control(sim, "POST", "/__sim/inbound", { from: "+31612345678", to: "3669", text: "STOP" });
      assert.equal(status, 200);
      assert.equal(body.delivered, true);
      assert.equal(body.status, 200);
      const [r] = receiver.received;
      assert.equal(r.method, "POST");
      assert.equal(r.url, "/mo");
      const mo = JSON.parse(r.body);
      assert.deepEqual(Object.keys(mo), ["reference", "from", "to", "message", "groupings", "timeUtc", "channel", "messageContext"]);
      assert.deepEqual(mo.from, { number: "+31612345678", name: "" });
      assert.deepEqual(mo.to, { number: "3669" });
      assert.deepEqual(mo.message, { text: "STOP", media: { mediaUri: "", contentType: "", title: "" }, custom: {} });
      assert.equal(mo.groupings.length, 3);
      assert.match(mo.timeUtc, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      assert.equal(mo.channel, "SMS");
      // Anything but 200 counts as not delivered; reportUrlOverride picks another URL.
      const second = await control(sim, "POST", "/__sim/inbound", {
        from: "+31612345678",
        to: "3669",
        text: "x",
        reportUrlOverride: `${receiver.url}/other`,
      });
      assert.equal(second.body.delivered, false);
      assert.equal(receiver.received[1].url, "/other");
      assert.equal(sim.state.inboundSent, 1);
      assert.equal(sim.state.inboundFailed, 1);
      assert.equal((await control(sim, "POST", "/__sim/inbound", { from: "x" })).status, 400);
    } finally {
      await receiver.close();
    }
  });
});

describe("module API", () => {
  test("server.mjs exports startCmSimulator and MAGIC_NUMBERS only; handle, state and snapshot keep their members", async () => {
    assert.deepEqual(Object.keys(serverModule).sort(), ["MAGIC_NUMBERS", "startCmSimulator"]);
    assert.ok(Object.isFrozen(MAGIC_NUMBERS));
    assert.deepEqual(Object.keys(MAGIC_NUMBERS), ["0002", "0003", "0004", "0005", "0006"]);
    const sim = await startCmSimulator();
    try {
      assert.deepEqual(Object.keys(sim), [
        "url",
        "port",
        "close",
        "state",
        "configure",
        "config",
        "reset",
        "messages",
        "snapshot",
        "inbound",
        "waitForReports",
        "pendingReports",
      ]);
      const counters = [
        "requests",
        "failedRequests",
        "hungRequests",
        "messagesReceived",
        "messagesRejected",
        "duplicates",
        "duplicateMessages",
        "reportsSent",
        "reportsFailed",
        "reportAttempts",
        "reportAttemptsFailed",
        "reportsSkipped",
        "inboundSent",
        "inboundFailed",
        "byReferenceTruncated",
      ];
      assert.deepEqual(Object.keys(sim.state), ["byReference", ...counters]);
      assert.ok(sim.state.byReference instanceof Map);
      assert.deepEqual(Object.keys(sim.snapshot()), [...counters, "reportsPending", "reportsInFlight", "storedMessages", "byReference"]);
      assert.deepEqual(Object.keys(sim.config()), [
        "failNextRequests",
        "failStatus",
        "failUntil",
        "rejectAll",
        "authFailure",
        "delayMs",
        "hangRequests",
        "duplicateReports",
        "outOfOrderReports",
        "intermediateReports",
        "reportDelayMs",
        "reportUrl",
        "reportFormat",
        "inboundUrl",
        "productToken",
      ]);
    } finally {
      await sim.close();
    }
  });

  test("other methods on the send endpoint get 405, other paths 404", async () => {
    const sim = await startCmSimulator();
    try {
      const get = await fetch(`${sim.url}/v1.0/message`);
      assert.equal(get.status, 405);
      assert.equal(get.headers.get("allow"), "POST");
      assert.deepEqual(await get.json(), { details: "Method not allowed", errorCode: 999, messages: [] });
      const other = await fetch(`${sim.url}/v1.0/messages`, { method: "POST", body: "{}" });
      assert.equal(other.status, 404);
      assert.deepEqual(await other.json(), { details: "Not found", errorCode: 999, messages: [] });
      const control = await fetch(`${sim.url}/__sim/nothing`);
      assert.equal(control.status, 404);
      assert.deepEqual(await control.json(), { error: "no control route GET /__sim/nothing" });
      assert.equal(sim.state.requests, 0); // the 405 comes before counting, like the 404s
    } finally {
      await sim.close();
    }
  });
});

describe("throughput", () => {
  test("20,000 messages in 1000-msg batches, every report delivered", async () => {
    const receiver = await startReceiver();
    const sim = await startCmSimulator({ reportUrl: `${receiver.url}/dlr`, reportDelayMs: 0 });
    try {
      const t0 = Date.now();
      for (let b = 0; b < 20; b += 1) {
        const batch = Array.from({ length: 1000 }, (_, i) =>
          msg(`00316${String(b * 1000 + i).padStart(8, "1")}`, { reference: `b${b}m${i}` }),
        );
        const r = await send(sim, batch);
        assert.equal(r.body.errorCode, 0);
      }
      await sim.waitForReports({ timeoutMs: 60_000 });
      const elapsed = Date.now() - t0;
      assert.equal(sim.state.messagesReceived, 20_000);
      assert.equal(sim.state.reportsSent, 20_000);
      assert.equal(receiver.received.length, 20_000);
      assert.equal(sim.state.duplicates, 0);
      console.log(`# 20,000 messages + reports in ${elapsed} ms`);
    } finally {
      await sim.close();
      await receiver.close();
    }
  });
});
