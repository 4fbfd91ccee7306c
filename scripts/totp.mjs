#!/usr/bin/env node
// `npm run totp`: the current sign-in code of the demo console user that `npm start` created, for
// developers without an authenticator app at hand. Reads the local demo record (never in production).
// Env: NOTIFYNL_PERSIST_DIR (default .wrangler/state), as for npm start.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { totpCode } from "./lib/console-account.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stateDir = process.env.NOTIFYNL_PERSIST_DIR ? path.resolve(process.env.NOTIFYNL_PERSIST_DIR) : path.join(ROOT, ".wrangler", "state");
const file = path.join(stateDir, "notifynl-demo.json");
if (!existsSync(file)) {
  console.error(`totp: ${file} not found; run npm start first`);
  process.exit(1);
}
const user = JSON.parse(readFileSync(file, "utf8")).consoleUser;
if (!user?.totpSecret) {
  console.error("totp: this demo has no console user; remove .wrangler/state and run npm start again");
  process.exit(1);
}
const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${totpCode(user.totpSecret)}  (${user.emailAddress}; valid for ${secondsLeft} more seconds, each code works once)`);
