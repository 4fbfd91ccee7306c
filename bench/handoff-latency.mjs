// handoff-latency: at fixed offered rates, the time from the API's 201 to the CM simulator
// receiving the message (GOV.UK's promise: 95 % handed to the provider within 10 s).
import { offerSms, waitForHandoff } from "./lib/load.mjs";
import { report } from "./lib/report.mjs";
import { percentile, seedBenchTenant, startStack } from "./lib/stack.mjs";

const RATES = (process.env.BENCH_RATES ?? "100,300,1000").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

export async function main() {
  const stack = await startStack({ reportDelayMs: 1000 });
  const rows = [];
  try {
    const tenant = await seedBenchTenant(stack.server, { sendRatePerMinute: 600_000 });
    for (const rate of RATES) {
      const run = await offerSms({
        url: stack.server.url,
        apiKey: tenant.apiKey,
        templateId: tenant.templates.normal,
        ratePerSecond: rate,
        seconds: SECONDS,
      });
      const received = await waitForHandoff(stack.cm, run.created.keys(), 60_000);
      const latencies = [...run.created]
        .filter(([id]) => received.has(id.replaceAll("-", "")))
        .map(([id, at]) => received.get(id.replaceAll("-", "")) - at)
        .sort((a, b) => a - b);
      rows.push({
        "offered msg/s": rate,
        "accepted msg/s": Math.round(run.achievedRate),
        accepted: run.created.size,
        rejected: JSON.stringify(run.failures),
        "handed to CM": latencies.length,
        "p50 ms": percentile(latencies, 50),
        "p95 ms": percentile(latencies, 95),
        "p99 ms": percentile(latencies, 99),
        "max ms": latencies[latencies.length - 1],
        "within 10 s": `${((100 * latencies.filter((l) => l <= 10_000).length) / Math.max(1, run.created.size)).toFixed(1)} %`,
      });
    }
    report("handoff-latency", rows, { secondsPerRate: SECONDS });
  } finally {
    await stack.stop();
  }
}
