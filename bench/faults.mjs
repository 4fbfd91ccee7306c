// faults: messages must be neither lost nor sent twice when CM.com fails for 30 s, when the server
// is killed and restarted mid-run, and when delivery reports come twice and out of order.
// Counts per phase: accepted (201), handed to CM, duplicates at CM, lost, final statuses.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, startLocalServer } from "../scripts/lib/local-server.mjs";
import { startCmSimulator } from "../tools/cm-simulator/server.mjs";
import { tokenSource } from "./lib/jwt.mjs";
import { offerSms } from "./lib/load.mjs";
import { report } from "./lib/report.mjs";
import { seedBenchTenant } from "./lib/stack.mjs";

const RATE = Number(process.env.BENCH_RATE ?? 20);
const WEBHOOK_TOKEN = "faults-webhook-token-0123456789abcdef";
const PRODUCT_TOKEN = "00000000-0000-0000-0000-0000000fa075";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function main() {
  const port = await freePort();
  const persistDir = mkdtempSync(path.join(tmpdir(), "notifynl-faults-"));
  const cm = await startCmSimulator({
    productToken: PRODUCT_TOKEN,
    reportDelayMs: 500,
    // CM.com retries a report it could not deliver for 7 days; retry for minutes here, so reports
    // that hit the restart window still arrive within the run.
    reportMaxAttempts: 9,
    reportRetryBaseMs: 1_000,
    reportUrl: `http://127.0.0.1:${port}/callbacks/cm/${WEBHOOK_TOKEN}/status`,
  });
  const vars = { SMS_PROVIDER: "cm", CM_BASE_URL: cm.url, REPLAY_AFTER_SECONDS: "20", DEFAULT_RATE_LIMIT: "100000" };
  const start = (secrets) =>
    startLocalServer({
      port,
      persistDir,
      logLevel: "error",
      secrets: { CM_WEBHOOK_TOKEN: WEBHOOK_TOKEN, CM_PRODUCT_TOKEN: PRODUCT_TOKEN, ...secrets },
      vars,
    });
  let server = await start({});
  const secrets = server.secrets;
  const rows = [];
  try {
    const tenant = await seedBenchTenant(server);
    const auth = tokenSource(tenant.apiKey);
    const offer = (seconds) =>
      offerSms({ url: server.url, apiKey: tenant.apiKey, templateId: tenant.templates.normal, ratePerSecond: RATE, seconds });
    const cron = () => fetch(`${server.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("* * * * *")}`).catch(() => undefined);

    // A: CM answers 503 for 30 s, then recovers; the dispatch retries with backoff.
    cm.configure({ failUntil: Date.now() + 30_000, failStatus: 503 });
    const a = await offer(30);
    rows.push(await settle("CM 503 for 30 s", a.created, a.failures, cm, server.url, auth, { timeoutMs: 150_000 }));

    // B: the server is killed (wrangler and workerd, SIGKILL) mid-run and started again on the same
    // state; what was in the in-memory queues is recovered by the replay cron.
    const running = offer(20);
    await sleep(8_000);
    await server.crash();
    await sleep(2_000);
    server = await start(secrets);
    const b = await running;
    const cronTimer = setInterval(cron, 10_000);
    rows.push(await settle("server killed and restarted", b.created, b.failures, cm, server.url, auth, { timeoutMs: 200_000 }));
    clearInterval(cronTimer);

    // C: every report twice, and an older "accepted" report after the final one.
    cm.configure({ duplicateReports: true, outOfOrderReports: true });
    const c = await offer(10);
    rows.push(await settle("duplicate and out-of-order reports", c.created, c.failures, cm, server.url, auth, { timeoutMs: 90_000 }));
    report("faults", rows, { ratePerSecond: RATE });
  } finally {
    await server.stop();
    await cm.close();
    rmSync(persistDir, { recursive: true, force: true });
  }
}

/** Waits until every accepted message reached CM and has a final status, then counts. */
async function settle(phase, created, failures, cm, url, auth, { timeoutMs }) {
  const ids = [...created.keys()];
  const deadline = Date.now() + timeoutMs;
  let statuses = {};
  for (;;) {
    const atCm = ids.filter((id) => (cm.state.byReference.get(id.replaceAll("-", "")) ?? 0) > 0).length;
    statuses = await finalStatuses(url, auth, new Set(ids));
    const settled =
      (statuses.delivered ?? 0) +
      (statuses["permanent-failure"] ?? 0) +
      (statuses["temporary-failure"] ?? 0) +
      (statuses["technical-failure"] ?? 0);
    if ((atCm === ids.length && settled === ids.length) || Date.now() > deadline) break;
    await sleep(2_000);
  }
  const counts = ids.map((id) => cm.state.byReference.get(id.replaceAll("-", "")) ?? 0);
  return {
    phase,
    accepted: ids.length,
    "refused at the door": JSON.stringify(failures),
    "handed to CM": counts.filter((n) => n > 0).length,
    "duplicates at CM": counts.filter((n) => n > 1).length,
    lost: counts.filter((n) => n === 0).length,
    "final statuses": JSON.stringify(statuses),
  };
}

/** Status counts of the given notifications, read through the public API (250 a page). */
async function finalStatuses(url, auth, wanted) {
  const counts = {};
  let next = `${url}/v2/notifications`;
  let seen = 0;
  while (next && seen < wanted.size) {
    const res = await fetch(next, { headers: { authorization: auth() } });
    if (!res.ok) break;
    const page = await res.json();
    if (page.notifications.length === 0) break;
    for (const n of page.notifications) {
      if (!wanted.has(n.id)) continue;
      seen += 1;
      counts[n.status] = (counts[n.status] ?? 0) + 1;
    }
    next = page.links.next;
  }
  return counts;
}
