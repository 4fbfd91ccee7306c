#!/usr/bin/env node
// Copies the NL Design System stylesheets the web console uses from node_modules into
// public/console/vendor/ (served by Workers Static Assets; see wrangler.toml [assets]).
// Runs after `npm install` / `npm ci` (package.json "postinstall"), and from `npm start`.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const VENDOR = path.join(ROOT, "public", "console", "vendor");

export const CONSOLE_STYLESHEETS = {
  "rhc-components.css": "node_modules/@rijkshuisstijl-community/components-css/dist/index.css",
  "rhc-design-tokens.css": "node_modules/@rijkshuisstijl-community/design-tokens/dist/index.css",
};

export function copyConsoleAssets() {
  mkdirSync(VENDOR, { recursive: true });
  for (const [name, source] of Object.entries(CONSOLE_STYLESHEETS)) {
    const from = path.join(ROOT, source);
    if (!existsSync(from)) throw new Error(`${source} is missing: run npm install`);
    copyFileSync(from, path.join(VENDOR, name));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) copyConsoleAssets();
