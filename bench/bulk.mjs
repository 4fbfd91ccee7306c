// bulk: a 50,000-row job. Time to 201, time the jobs consumer took to expand every chunk (the job's
// processing_started to processing_finished), time until the CM simulator has every message,
// messages/s, and the handoff latency of a priority message injected while the bulk lane drains.

import { tokenSource } from "./lib/jwt.mjs";
import { report } from "./lib/report.mjs";
import { seedBenchTenant, startStack } from "./lib/stack.mjs";

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 180_000);

export async function main() {
  const stack = await startStack({ reportDelayMs: 2000 });
  try {
    const tenant = await seedBenchTenant(stack.server);
    const auth = tokenSource(tenant.apiKey);
    const url = stack.server.url;
    const lines = ["phone number,naam,datum"];
    for (let i = 0; i < ROWS; i++) lines.push(`06${String(10_000_000 + i).slice(-8)},Burger ${i},1 mei`);
    const csv = lines.join("\n");

    const before = stack.cm.state.messagesReceived;
    if (process.env.BENCH_DEBUG) console.error("posting job", csv.length, "bytes");
    const started = Date.now();
    const res = await fetch(`${url}/v2/notifications/bulk`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: auth() },
      body: JSON.stringify({ template_id: tenant.templates.bulk, name: "bench.csv", csv }),
    });
    const created = Date.now();
    const job = await res.json();
    if (process.env.BENCH_DEBUG) console.error("job answered", res.status, created - started, "ms");
    if (res.status !== 201) throw new Error(`bulk POST failed: ${res.status} ${JSON.stringify(job)}`);

    // Inject one priority message once the bulk lane is draining.
    let priority = null;
    const deadline = Date.now() + TIMEOUT_MS;
    while (Date.now() < deadline) {
      const received = stack.cm.state.messagesReceived - before;
      if (!priority && received >= Math.min(10_000, ROWS / 5)) {
        const p = await fetch(`${url}/v2/notifications/sms`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: auth() },
          body: JSON.stringify({
            phone_number: "0611112222",
            template_id: tenant.templates.priority,
            personalisation: { naam: "Spoed", datum: "nu" },
          }),
        });
        const body = await p.json();
        priority = { id: body.id, at: Date.now(), bulkReceivedBefore: received };
      }
      if (received >= ROWS + (priority ? 1 : 0)) break;
      if (process.env.BENCH_DEBUG && Math.random() < 0.02) console.error("received", received);
      await new Promise((r) => setTimeout(r, 100));
    }
    const finished = Date.now();
    const received = stack.cm.state.messagesReceived - before;
    const priorityRef = priority?.id.replaceAll("-", "");
    const priorityMessage = priorityRef ? stack.cm.messages({ reference: priorityRef })[0] : undefined;
    const priorityLatency = priorityMessage ? Date.parse(priorityMessage.receivedAt) - priority.at : null;
    const jobState = await (await fetch(`${url}/v2/jobs/${job.data.id}`, { headers: { authorization: auth() } })).json();
    const { processing_started: expandStarted, processing_finished: expandFinished } = jobState.data ?? {};
    const expandSeconds = expandStarted && expandFinished ? (Date.parse(expandFinished) - Date.parse(expandStarted)) / 1000 : null;
    report(
      "bulk",
      [
        {
          rows: ROWS,
          "201 after ms": created - started,
          "job expanded in s": expandSeconds === null ? null : Number(expandSeconds.toFixed(1)),
          "all handed to CM after s": Number(((finished - started) / 1000).toFixed(1)),
          "handed to CM": received,
          "msg/s": Math.round(received / ((finished - created) / 1000)),
          "duplicates at CM": stack.cm.state.duplicates,
          "priority handoff ms": priorityLatency,
          "bulk handed before priority": priority?.bulkReceivedBefore ?? null,
        },
      ],
      { job: jobState },
    );
  } finally {
    await stack.stop();
  }
}
