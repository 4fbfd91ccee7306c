#!/usr/bin/env node
// The admin CLI: `npm run admin -- <command> [--flags]`, a thin wrapper around the admin API.
// Server URL: --url, NOTIFYNL_URL, or http://127.0.0.1:8787. Token: --token, NOTIFYNL_ADMIN_TOKEN,
// or ADMIN_TOKEN from ./.dev.vars (or NOTIFYNL_DEV_VARS); a named admin credential works the same.
// Output is a table for lists and "key: value" lines otherwise; --json prints the raw JSON. Errors
// print one line and exit non-zero.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { COMMANDS } from "./admin-cli/commands/index.mjs";
import { bool, str, UsageError } from "./admin-cli/flags.mjs";
import { printResult } from "./admin-cli/print.mjs";
import { createAdminClient } from "./admin-client.mjs";
import { parseDevVars } from "./dev-vars.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The admin token: flag, environment, or ADMIN_TOKEN in the dev vars file `npm start` uses. */
function adminToken(flagValue) {
  if (flagValue) return flagValue;
  if (process.env.NOTIFYNL_ADMIN_TOKEN) return process.env.NOTIFYNL_ADMIN_TOKEN;
  const file = path.resolve(process.env.NOTIFYNL_DEV_VARS || path.join(ROOT, ".dev.vars"));
  const token = existsSync(file) ? parseDevVars(readFileSync(file, "utf8")).ADMIN_TOKEN : undefined;
  if (!token) throw new UsageError(`no admin token: pass --token, set NOTIFYNL_ADMIN_TOKEN, or run \`npm start\` once to create ${file}`);
  return token;
}

function usage() {
  const lines = [
    "Usage: npm run admin -- <command> [--flags] [--url <url>] [--token <admin token>] [--json]",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name} ${c.help}`),
    "  help",
    "",
    "URL: --url, NOTIFYNL_URL or http://127.0.0.1:8787. Token: --token, NOTIFYNL_ADMIN_TOKEN or ADMIN_TOKEN in ./.dev.vars.",
    "Service commands accept --organisation-id to check the service belongs to that organisation.",
  ];
  return lines.join("\n");
}

async function main(argv) {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(usage());
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command '${name}' (see: npm run admin -- help)`);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { ...command.flags, url: str, token: str, json: bool, help: bool },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${error.message.split("\n")[0]} (usage: ${name} ${command.help.split("\n")[0]})`);
  }
  if (values.help) {
    console.log(`Usage: npm run admin -- ${name} ${command.help}`);
    return;
  }
  const missing = command.required.filter((flag) => values[flag] === undefined);
  if (missing.length > 0) throw new UsageError(`${name}: missing ${missing.map((f) => `--${f}`).join(", ")}`);

  const [method, requestPath, body, headers] = command.request(values);
  const client = createAdminClient(values.url ?? process.env.NOTIFYNL_URL ?? "http://127.0.0.1:8787", adminToken(values.token));
  // Flags that were not given are left out, so the server applies its defaults.
  const payload = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
  const result = await client.request(method, requestPath, payload, headers);
  if (values.json && typeof result !== "string") console.log(JSON.stringify(result, null, 2));
  else printResult(result);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`admin: ${error.message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
