#!/usr/bin/env node
// The admin CLI: `npm run admin -- <command> [--flags]`, a thin wrapper around the admin API.
// Server URL: --url, NOTIFYNL_URL, or http://127.0.0.1:8787. Token: --token, NOTIFYNL_ADMIN_TOKEN,
// or ADMIN_TOKEN from ./.dev.vars (or NOTIFYNL_DEV_VARS). Output is "key: value" lines; --json prints
// the raw JSON. Errors print one line and exit non-zero.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createAdminClient } from "./admin-client.mjs";
import { parseDevVars } from "./dev-vars.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Raised for a usage problem; printed as one line with a hint. */
class UsageError extends Error {}

const str = { type: "string" };
const bool = { type: "boolean", default: false };
const SERVICE = { "service-id": str, "organisation-id": str };

/**
 * Every command: its flags, its required flags, and how it maps to a request.
 * `organisation-id` on service commands scopes the service (another organisation's service is a 404).
 */
const COMMANDS = {
  "create-organisation": {
    help: "--name <name> [--send-rate <per minute>]",
    flags: { name: str, "send-rate": str },
    required: ["name"],
    request: (f) => ["POST", "/admin/v1/organisations", { name: f.name, send_rate_per_minute: int(f, "send-rate") }],
  },
  "list-organisations": {
    help: "",
    flags: {},
    required: [],
    request: () => ["GET", "/admin/v1/organisations"],
  },
  "create-service": {
    help:
      "--organisation-id <id> --name <name> [--restricted true|false] [--sms-sender <s>] [--email-from <a>]\n" +
      "      [--rate-limit <n>] [--sms-daily-limit <n>] [--email-daily-limit <n>] [--retention-days <3-90>] [--permissions sms,email]",
    flags: {
      "organisation-id": str,
      name: str,
      restricted: str,
      "sms-sender": str,
      "email-from": str,
      "rate-limit": str,
      "sms-daily-limit": str,
      "email-daily-limit": str,
      "retention-days": str,
      permissions: str,
    },
    required: ["organisation-id", "name"],
    request: (f) => [
      "POST",
      "/admin/v1/services",
      {
        organisation_id: f["organisation-id"],
        name: f.name,
        restricted: boolFlag(f, "restricted"),
        sms_sender: f["sms-sender"],
        email_from: f["email-from"],
        rate_limit: int(f, "rate-limit"),
        sms_daily_limit: int(f, "sms-daily-limit"),
        email_daily_limit: int(f, "email-daily-limit"),
        retention_days: int(f, "retention-days"),
        permissions: f.permissions
          ?.split(",")
          .map((p) => p.trim())
          .filter(Boolean),
      },
    ],
  },
  "get-service": {
    help: "--service-id <id> [--organisation-id <id>]",
    flags: SERVICE,
    required: ["service-id"],
    request: (f) => ["GET", servicePath(f)],
  },
  "create-api-key": {
    help: "--service-id <id> --name <name> --key-type normal|team|test",
    flags: { ...SERVICE, name: str, "key-type": str },
    required: ["service-id", "name", "key-type"],
    request: (f) => ["POST", servicePath(f, "/api-keys"), { name: f.name, key_type: f["key-type"] }],
  },
  "revoke-api-key": {
    help: "--service-id <id> --key-id <id>",
    flags: { ...SERVICE, "key-id": str },
    required: ["service-id", "key-id"],
    request: (f) => ["DELETE", servicePath(f, `/api-keys/${encodeURIComponent(f["key-id"])}`)],
  },
  "list-api-keys": {
    help: "--service-id <id>",
    flags: SERVICE,
    required: ["service-id"],
    request: (f) => ["GET", servicePath(f, "/api-keys")],
  },
  "create-template": {
    help: "--service-id <id> --name <name> --type sms|email [--subject <s>] (--body <text> | --body-file <file>) [--priority priority|normal|bulk]",
    flags: { ...SERVICE, name: str, type: str, subject: str, body: str, "body-file": str, priority: str },
    required: ["service-id", "name", "type"],
    request: (f) => [
      "POST",
      servicePath(f, "/templates"),
      { name: f.name, type: f.type, subject: f.subject, body: templateBody(f, true), priority: f.priority },
    ],
  },
  "update-template": {
    help: "--service-id <id> --template-id <id> [--name <n>] [--subject <s>] [--body <text> | --body-file <file>] [--priority <p>]",
    flags: { ...SERVICE, "template-id": str, name: str, subject: str, body: str, "body-file": str, priority: str },
    required: ["service-id", "template-id"],
    request: (f) => [
      "PUT",
      servicePath(f, `/templates/${encodeURIComponent(f["template-id"])}`),
      { name: f.name, subject: f.subject, body: templateBody(f, false), priority: f.priority },
    ],
  },
  "get-template": {
    help: "--service-id <id> --template-id <id> [--version <n>]",
    flags: { ...SERVICE, "template-id": str, version: str },
    required: ["service-id", "template-id"],
    request: (f) => ["GET", servicePath(f, `/templates/${encodeURIComponent(f["template-id"])}`, { version: f.version })],
  },
  "create-sms-sender": {
    help: "--service-id <id> --sms-sender <sender or number> [--default] [--inbound-number]",
    flags: { ...SERVICE, "sms-sender": str, default: bool, "inbound-number": bool },
    required: ["service-id", "sms-sender"],
    request: (f) => [
      "POST",
      servicePath(f, "/sms-senders"),
      { sms_sender: f["sms-sender"], is_default: f.default, inbound_number: f["inbound-number"] },
    ],
  },
  "create-reply-to": {
    help: "--service-id <id> --email-address <address> [--default]",
    flags: { ...SERVICE, "email-address": str, default: bool },
    required: ["service-id", "email-address"],
    request: (f) => ["POST", servicePath(f, "/email-reply-to"), { email_address: f["email-address"], is_default: f.default }],
  },
  "create-team-member": {
    help: "--service-id <id> [--email-address <address>] [--phone-number <number>]",
    flags: { ...SERVICE, "email-address": str, "phone-number": str },
    required: ["service-id"],
    request: (f) => ["POST", servicePath(f, "/team-members"), { email_address: f["email-address"], phone_number: f["phone-number"] }],
  },
  "delete-team-member": {
    help: "--service-id <id> --member-id <id>",
    flags: { ...SERVICE, "member-id": str },
    required: ["service-id", "member-id"],
    request: (f) => ["DELETE", servicePath(f, `/team-members/${encodeURIComponent(f["member-id"])}`)],
  },
  "set-callback": {
    help: "--service-id <id> --type delivery-status|inbound-sms --callback-url <https url> --bearer-token <token>",
    flags: { ...SERVICE, type: str, "callback-url": str, "bearer-token": str },
    required: ["service-id", "type", "callback-url", "bearer-token"],
    request: (f) => [
      "PUT",
      servicePath(f, `/callbacks/${encodeURIComponent(f.type)}`),
      { url: f["callback-url"], bearer_token: f["bearer-token"] },
    ],
  },
};

function int(flags, name) {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got '${raw}'`);
  return Number(raw);
}

function boolFlag(flags, name) {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  if (raw !== "true" && raw !== "false") throw new UsageError(`--${name} must be true or false, got '${raw}'`);
  return raw === "true";
}

function servicePath(flags, suffix = "", query = {}) {
  const params = new URLSearchParams();
  if (flags["organisation-id"]) params.set("organisationId", flags["organisation-id"]);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const search = params.size > 0 ? `?${params}` : "";
  return `/admin/v1/services/${encodeURIComponent(flags["service-id"])}${suffix}${search}`;
}

function templateBody(flags, required) {
  if (flags.body !== undefined && flags["body-file"] !== undefined) throw new UsageError("give --body or --body-file, not both");
  if (flags["body-file"] !== undefined) {
    try {
      return readFileSync(flags["body-file"], "utf8");
    } catch (error) {
      throw new UsageError(`cannot read --body-file: ${error.message}`);
    }
  }
  if (flags.body === undefined && required) throw new UsageError("missing --body or --body-file");
  return flags.body;
}

/** The admin token: flag, environment, or ADMIN_TOKEN in the dev vars file `npm start` uses. */
function adminToken(flagValue) {
  if (flagValue) return flagValue;
  if (process.env.NOTIFYNL_ADMIN_TOKEN) return process.env.NOTIFYNL_ADMIN_TOKEN;
  const file = path.resolve(process.env.NOTIFYNL_DEV_VARS || path.join(ROOT, ".dev.vars"));
  const token = existsSync(file) ? parseDevVars(readFileSync(file, "utf8")).ADMIN_TOKEN : undefined;
  if (!token) throw new UsageError(`no admin token: pass --token, set NOTIFYNL_ADMIN_TOKEN, or run \`npm start\` once to create ${file}`);
  return token;
}

/** "key: value" lines; objects in lists are separated by a blank line. */
function printReadable(value, indent = "") {
  if (value === null || typeof value !== "object") {
    console.log(`${indent}${value}`);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (Array.isArray(item) && item.some((x) => x !== null && typeof x === "object")) {
      console.log(`${indent}${key}: (${item.length})`);
      item.forEach((entry, i) => {
        if (i > 0) console.log("");
        printReadable(entry, `${indent}  `);
      });
    } else if (Array.isArray(item)) console.log(`${indent}${key}: ${item.join(", ")}`);
    else if (item !== null && typeof item === "object") {
      console.log(`${indent}${key}:`);
      printReadable(item, `${indent}  `);
    } else if (typeof item === "string" && item.includes("\n")) {
      console.log(`${indent}${key}: |`);
      for (const line of item.split("\n")) console.log(`${indent}  ${line}`);
    } else console.log(`${indent}${key}: ${item}`);
  }
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

  const [method, requestPath, body] = command.request(values);
  const client = createAdminClient(values.url ?? process.env.NOTIFYNL_URL ?? "http://127.0.0.1:8787", adminToken(values.token));
  // Flags that were not given are left out, so the server applies its defaults.
  const payload = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
  const result = await client.request(method, requestPath, payload);
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else if (result === null) console.log("ok");
  else printReadable(result);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`admin: ${error.message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
