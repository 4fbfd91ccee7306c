#!/usr/bin/env node
// npm run bench -- <scenario>: api-throughput | handoff-latency | bulk | faults | all
const scenarios = {
  "api-throughput": () => import("./api-throughput.mjs"),
  "handoff-latency": () => import("./handoff-latency.mjs"),
  bulk: () => import("./bulk.mjs"),
  faults: () => import("./faults.mjs"),
};
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
process.env.WRANGLER_SEND_METRICS = "false";
const name = process.argv[2];
const chosen = name === "all" ? Object.keys(scenarios) : [name];
if (!name || chosen.some((n) => !scenarios[n])) {
  console.error(`usage: npm run bench -- <${Object.keys(scenarios).join(" | ")} | all>`);
  process.exit(2);
}
for (const scenario of chosen) {
  const started = Date.now();
  const mod = await scenarios[scenario]();
  await mod.main();
  console.log(`${scenario} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
process.exit(0);
