// Prints a result table and writes the JSON next to it in bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../results");

export function report(scenario, rows, extra = {}) {
  console.log(`\n${scenario}`);
  console.table(rows);
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${scenario}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ scenario, at: new Date().toISOString(), rows, ...extra }, null, 2));
  console.log(`results: ${path.relative(process.cwd(), file)}`);
}
