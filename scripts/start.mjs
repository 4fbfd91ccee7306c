#!/usr/bin/env node
// `npm start`: the whole service on this machine in one command.
//   1. .dev.vars: created with fresh random secrets when missing; an existing one is used as it is
//   2. local D1 migrations (wrangler d1 migrations apply DB --local)
//   3. wrangler dev on 127.0.0.1:<port>, simulator providers unless configured otherwise
//   4. on an empty database, a demo organisation/service/API keys/templates (scripts/seed.mjs) and a
//      console user who accepted an invitation (scripts/lib/console-account.mjs); then the admin
//      token, the keys, the template ids, the console sign-in and a ready-to-run example are printed
// Flags: --port <n> (or PORT), --cm-simulator (CM.com fake on --cm-port, default 8788, and
//   SMS_PROVIDER=cm), --migrate (always apply migrations), --help; anything after `--` goes to
//   `wrangler dev` (e.g. npm start -- -- --log-level error).
// Env: NOTIFYNL_DEV_VARS (secrets file, default ./.dev.vars), NOTIFYNL_PERSIST_DIR (local state,
//   default .wrangler/state), PORT.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createAdminClient } from "./admin-client.mjs";
import { ensureDevVars, LOCAL_DEVELOPMENT_VARS } from "./dev-vars.mjs";
import { createConsoleAccount } from "./lib/console-account.mjs";
import { migrationsUpToDate, recordMigrations } from "./migrations-state.mjs";
import { DEMO, seedDemo } from "./seed.mjs";
import { loadDemo, printBanner, saveDemo } from "./start-output.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WRANGLER = path.join(ROOT, "node_modules", ".bin", "wrangler");
const HELP = `Usage: npm start -- [--port <n>] [--cm-simulator [--cm-port <n>]] [--migrate] [-- <wrangler dev flags>]

Starts NotifyNL Edge locally (wrangler dev) with a demo tenant on an empty database.
  --port <n>        listen port (default: $PORT or 8787)
  --cm-simulator    run the local CM.com fake and send SMS through it (SMS_PROVIDER=cm)
  --cm-port <n>     port of the CM.com fake (default 8788)
  --migrate         run \`wrangler d1 migrations apply\` even when nothing seems to have changed
Environment: NOTIFYNL_DEV_VARS=<file> (default ./.dev.vars), NOTIFYNL_PERSIST_DIR=<dir> (default .wrangler/state)`;

/** The wrangler dev child, stopped with us when the start fails half-way. */
let wranglerChild = null;

function fail(message) {
  console.error(`start: ${message}`);
  if (wranglerChild && wranglerChild.exitCode === null) wranglerChild.kill("SIGTERM");
  process.exit(1);
}

function options() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        port: { type: "string" },
        "cm-simulator": { type: "boolean", default: false },
        "cm-port": { type: "string", default: "8788" },
        migrate: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      console.log(HELP);
      process.exit(0);
    }
    const port = Number(values.port ?? process.env.PORT ?? 8787);
    const cmPort = Number(values["cm-port"]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`invalid port: ${values.port ?? process.env.PORT}`);
    if (!Number.isInteger(cmPort) || cmPort < 1 || cmPort > 65535) fail(`invalid --cm-port: ${values["cm-port"]}`);
    return { port, cmSimulator: values["cm-simulator"], cmPort, migrate: values.migrate, wranglerArgs: positionals };
  } catch (error) {
    fail(`${error.message}\n\n${HELP}`);
  }
}

/** Runs a command to completion with captured output; fails the start with that output on error. */
function run(command, args, env, label) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => fail(`${label}: ${error.message}`));
    child.on("close", (code) => (code === 0 ? resolve(output) : fail(`${label} failed (exit ${code}):\n${output}`)));
  });
}

async function waitForHealth(baseUrl, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`wrangler dev exited (code ${child.exitCode}) before the server was ready`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  fail(`the server did not answer ${baseUrl}/health within ${timeoutMs / 1000} s`);
}

/** Starts the CM.com fake in this process, if another engineer's tools/cm-simulator is present. */
async function startCmSimulator(port, cmPort, vars) {
  const server = path.join(ROOT, "tools", "cm-simulator", "server.mjs");
  if (!existsSync(server)) fail("--cm-simulator: tools/cm-simulator/server.mjs is not there");
  const { startCmSimulator: start } = await import(pathToFileURL(server).href);
  const hooks = `http://127.0.0.1:${port}/callbacks/cm/${vars.CM_WEBHOOK_TOKEN}`;
  const simulator = await start({
    port: cmPort,
    reportUrl: `${hooks}/status`,
    inboundUrl: `${hooks}/inbound`,
    productToken: vars.CM_PRODUCT_TOKEN || null,
  });
  console.log(`start: CM.com simulator on ${simulator.url}`);
  return simulator;
}

async function main() {
  const opts = options();
  const devVarsFile = path.resolve(process.env.NOTIFYNL_DEV_VARS || path.join(ROOT, ".dev.vars"));
  const persistDir = process.env.NOTIFYNL_PERSIST_DIR ? path.resolve(process.env.NOTIFYNL_PERSIST_DIR) : undefined;
  const stateDir = persistDir ?? path.join(ROOT, ".wrangler", "state");
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  if (!existsSync(WRANGLER)) fail("node_modules/.bin/wrangler not found; run `npm ci` first");

  const { vars, created, problems } = ensureDevVars(devVarsFile);
  if (problems.length > 0) {
    fail(`${devVarsFile}: ${problems.join("; ")}. Fix the file, or delete it to have fresh secrets generated.`);
  }
  console.log(
    `start: ${created ? "wrote new secrets to" : "using secrets from"} ${path.relative(process.cwd(), devVarsFile) || devVarsFile}`,
  );

  const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };
  const persistArgs = persistDir ? ["--persist-to", persistDir] : [];
  if (!opts.migrate && migrationsUpToDate(ROOT, stateDir)) {
    console.log("start: D1 migrations up to date (use --migrate to apply them anyway)");
  } else {
    await run(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", ...persistArgs], env, "applying D1 migrations");
    recordMigrations(ROOT, stateDir);
    console.log("start: D1 migrations applied");
  }

  const simulator = opts.cmSimulator ? await startCmSimulator(opts.port, opts.cmPort, vars) : null;
  const devArgs = ["dev", "--ip", "127.0.0.1", "--port", String(opts.port), ...persistArgs];
  // wrangler reads ./.dev.vars by itself; another file has to be passed explicitly.
  if (devVarsFile !== path.join(ROOT, ".dev.vars")) devArgs.push("--env-file", devVarsFile);
  const local = { ...LOCAL_DEVELOPMENT_VARS, ...(simulator ? { SMS_PROVIDER: "cm", CM_BASE_URL: simulator.url } : {}) };
  for (const [key, value] of Object.entries(local)) {
    // A value the developer set in .dev.vars wins over the local default (--var would override it).
    if (!(key in vars) || (simulator && (key === "SMS_PROVIDER" || key === "CM_BASE_URL"))) devArgs.push("--var", `${key}:${value}`);
  }
  const wrangler = spawn(WRANGLER, [...devArgs, ...opts.wranglerArgs], { cwd: ROOT, env, stdio: "inherit" });
  wranglerChild = wrangler;

  let stopping = false;
  const stop = (signal) => {
    stopping = true;
    if (wrangler.exitCode === null) wrangler.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  wrangler.on("exit", async (code, signal) => {
    await simulator?.close().catch(() => {});
    process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
  });

  await waitForHealth(baseUrl, wrangler);
  const admin = createAdminClient(baseUrl, vars.ADMIN_TOKEN);
  const { organisations } = await admin.request("GET", "/admin/v1/organisations");
  let demo = loadDemo(stateDir, organisations);
  let seeded = false;
  if (organisations.length === 0) {
    demo = await seedDemo(baseUrl, vars.ADMIN_TOKEN);
    // Saved first: the keys are shown only once, so a failed console account must not lose them.
    saveDemo(stateDir, demo);
    demo.consoleUser = await createConsoleAccount(baseUrl, vars.ADMIN_TOKEN, demo.serviceId, DEMO.consoleUser);
    saveDemo(stateDir, demo);
    seeded = true;
  }
  printBanner({ baseUrl, adminToken: vars.ADMIN_TOKEN, demo, seeded, organisationCount: organisations.length, simulator });
}

main().catch((error) => fail(error?.message ?? String(error)));
