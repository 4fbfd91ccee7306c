#!/usr/bin/env node
// Runs the whole suite (workerd, e2e, tools), then prints a plain "N passed, N failed" closing line.
// Exits non-zero on any failure and when no test ran at all.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(tmpdir(), "notifynl-test-"));
const report = path.join(dir, "report.json");
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };
const args = ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync("npx", args, { stdio: "inherit", env });

let passed = 0;
let failed = 0;
try {
  const result = JSON.parse(readFileSync(report, "utf8"));
  passed = result.numPassedTests ?? 0;
  // Failed tests, plus files that failed without a failed test (e.g. an import error).
  failed = (result.numFailedTests ?? 0) + filesFailedWithoutFailedTests(result);
} catch {
  failed = Math.max(failed, 1);
  console.error("test: no JSON report was written (vitest crashed?)");
}
rmSync(dir, { recursive: true, force: true });

function filesFailedWithoutFailedTests(result) {
  return (result.testResults ?? []).filter(
    (file) => file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed"),
  ).length;
}

console.log(`${passed} passed, ${failed} failed`);
if (run.status !== 0 || failed > 0 || passed === 0) process.exit(1);
