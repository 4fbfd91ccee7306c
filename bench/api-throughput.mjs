// api-throughput: sustained POST /v2/notifications/sms (real JWTs, real templates) and
// GET /v2/notifications/{id}, each next to the same server's trivial route (/health), measured in
// the same run; prints requests/s and the ratio to the trivial route.
import autocannon from "autocannon";
import { report } from "./lib/report.mjs";
import { seedBenchTenant, startStack } from "./lib/stack.mjs";
import { tokenSource } from "./lib/jwt.mjs";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

function run(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, duration: DURATION, pipelining: 1, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const summary = (name, r, baseline) => ({
  route: name,
  "req/s": Math.round(r.requests.average),
  "p50 ms": r.latency.p50,
  "p99 ms": r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
  "ratio to trivial": baseline ? Number((r.requests.average / baseline.requests.average).toFixed(2)) : 1,
});

export async function main() {
  const stack = await startStack({ reportDelayMs: 500 });
  try {
    // API_ONLY holds messages in the OrgGate lanes (send rate 1/min) so the API is measured without the
    // delivery pipeline competing for the same 2 cores; the default measures both together.
    const apiOnly = process.env.BENCH_API_ONLY === "1";
    const tenant = await seedBenchTenant(stack.server, { sendRatePerMinute: apiOnly ? 1 : 600_000 });
    const auth = tokenSource(tenant.apiKey);
    const url = stack.server.url;
    // warm-up
    await run({ url: `${url}/health`, duration: 2 });

    const trivial1 = await run({ url: `${url}/health` });
    const body = JSON.stringify({ phone_number: "0612345678", template_id: tenant.templates.normal, personalisation: { naam: "Jan", datum: "1 mei" } });
    const post = await run({
      url: `${url}/v2/notifications/sms`,
      requests: [{ method: "POST", body, setupRequest: (req) => ({ ...req, headers: { "content-type": "application/json", authorization: auth() } }) }],
    });
    const one = await fetch(`${url}/v2/notifications/sms`, { method: "POST", body, headers: { "content-type": "application/json", authorization: auth() } });
    const { id } = await one.json();
    const get = await run({
      url: `${url}/v2/notifications/${id}`,
      requests: [{ method: "GET", setupRequest: (req) => ({ ...req, headers: { authorization: auth() } }) }],
    });
    const trivial2 = await run({ url: `${url}/health` });
    const baseline = trivial1.requests.average > trivial2.requests.average ? trivial1 : trivial2;
    report("api-throughput", [
      summary("GET /health (trivial, before)", trivial1, baseline),
      summary("POST /v2/notifications/sms", post, baseline),
      summary("GET /v2/notifications/{id}", get, baseline),
      summary("GET /health (trivial, after)", trivial2, baseline),
    ], { durationSeconds: DURATION, connections: CONNECTIONS });
  } finally {
    await stack.stop();
  }
}
