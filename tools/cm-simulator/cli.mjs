#!/usr/bin/env node
// Run the CM.com fake on its own:
//   node tools/cm-simulator/cli.mjs --port 8788 \
//     --report-url http://127.0.0.1:8787/callbacks/cm/<token>/status --delay-ms 500
// Prints its URL on stdout (first line: "CM simulator listening on http://..."), stops on SIGINT/SIGTERM.
import { parseArgs } from "node:util";
import { startCmSimulator } from "./server.mjs";

const HELP = `Usage: node tools/cm-simulator/cli.mjs [options]

  --host <host>               listen address (default 127.0.0.1)
  --port <port>               listen port (default 8788; 0 = any free port)
  --product-token <guid>      accept only this product token (default: any GUID-shaped token)
  --report-url <url>          where delivery reports are sent (default: none, no reports)
  --delay-ms <ms>             delay before a delivery report (default 200)
  --report-format <fmt>       json | xml | get (default json)
  --inbound-url <url>         where POST /__sim/inbound delivers MO messages
  --intermediate-reports      send an "accepted" (code 0) report before the final one
  --response-delay-ms <ms>    answer send requests this much later (slow gateway)
  --max-stored <n>            messages kept for GET /__sim/messages (default 200000)
  --quiet                     no per-request log lines
  --help                      this text
`;

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "8788" },
      "product-token": { type: "string" },
      "report-url": { type: "string" },
      "delay-ms": { type: "string" },
      "report-format": { type: "string" },
      "inbound-url": { type: "string" },
      "intermediate-reports": { type: "boolean", default: false },
      "response-delay-ms": { type: "string" },
      "max-stored": { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  }));
} catch (err) {
  console.error(`${/** @type {Error} */ (err).message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

/** @param {"port" | "delay-ms" | "response-delay-ms" | "max-stored"} name */
const int = (name) => {
  const raw = args[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got "${raw}"`);
    process.exit(2);
  }
  return n;
};

let sim;
try {
  sim = await startCmSimulator({
    host: args.host,
    port: int("port"),
    productToken: args["product-token"],
    reportUrl: args["report-url"],
    reportDelayMs: int("delay-ms"),
    reportFormat: /** @type {import("./state.mjs").ReportFormat | undefined} */ (args["report-format"]), // checked by the simulator
    inboundUrl: args["inbound-url"],
    intermediateReports: args["intermediate-reports"] || undefined,
    delayMs: int("response-delay-ms"),
    maxStoredMessages: int("max-stored"),
    log: !args.quiet,
  });
} catch (err) {
  console.error(`cm-simulator: ${/** @type {Error} */ (err).message}`);
  process.exit(1);
}

console.log(`CM simulator listening on ${sim.url}`);
console.log(`  send:    POST ${sim.url}/v1.0/message`);
console.log(`  reports: ${args["report-url"] ?? '(none; set with POST /__sim/config {"reportUrl": ...})'}`);
console.log(`  control: ${sim.url}/__sim/state | /__sim/config | /__sim/messages | /__sim/reset | /__sim/inbound`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await sim.close();
    process.exit(0);
  });
}
