// api-throughput: sustained POST /v2/notifications/sms (real JWTs, real templates) and
// GET /v2/notifications/{id}, each next to the same server's trivial route (/health) measured in
// the same run; prints requests/s and the ratio to the trivial route.
import { signNotifyJwt } from "./lib/jwt.mjs";
import { generator, load } from "./lib/load-generator.mjs";
import { report } from "./lib/report.mjs";
import { seedBenchTenant, startStack } from "./lib/stack.mjs";

const SECONDS = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "32,64").split(",").map(Number);

export async function main() {
  const stack = await startStack({ reportDelayMs: 500 });
  try {
    // With BENCH_API_ONLY=1 the organisation's send rate is 1/min, so messages wait in the OrgGate
    // and the API is measured without the delivery pipeline; by default both run together.
    const apiOnly = process.env.BENCH_API_ONLY === "1";
    const tenant = await seedBenchTenant(stack.server, { sendRatePerMinute: apiOnly ? 1 : 600_000 });
    const url = stack.server.url;
    const body = JSON.stringify({
      phone_number: "0612345678",
      template_id: tenant.templates.normal,
      personalisation: { naam: "Jan", datum: "1 mei" },
    });
    // One token per run: Notify accepts a token for ±30 s, and a run lasts SECONDS.
    const headers = () => ({ authorization: `Bearer ${signNotifyJwt(tenant.apiKey)}`, "content-type": "application/json" });
    const first = await fetch(`${url}/v2/notifications/sms`, { method: "POST", body, headers: headers() });
    const { id } = await first.json();
    await load({ url: `${url}/health`, seconds: 2, connections: 16 }); // warm-up

    const rows = [];
    for (const connections of CONNECTIONS) {
      const run = (name, options) => load({ seconds: SECONDS, connections, ...options }).then((r) => ({ name, ...r }));
      const results = [
        await run("GET /health (trivial)", { url: `${url}/health` }),
        await run("POST /v2/notifications/sms", { url: `${url}/v2/notifications/sms`, method: "POST", body, headers: headers() }),
        await run("GET /v2/notifications/{id}", { url: `${url}/v2/notifications/${id}`, headers: headers() }),
        await run("GET /health (trivial, again)", { url: `${url}/health` }),
      ];
      const baseline = Math.max(results[0].rps, results[3].rps);
      for (const r of results) {
        rows.push({
          connections,
          route: r.name,
          "req/s": Math.round(r.rps),
          "p50 ms": r.p50,
          "p99 ms": r.p99,
          non2xx: r.non2xx,
          statuses: JSON.stringify(r.statuses ?? {}),
          "ratio to trivial": Number((r.rps / baseline).toFixed(2)),
        });
      }
    }
    report("api-throughput", rows, { seconds: SECONDS, generator, pipeline: apiOnly ? "held in OrgGate" : "running" });
  } finally {
    await stack.stop();
  }
}
