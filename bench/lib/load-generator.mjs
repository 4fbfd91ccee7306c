// Closed-loop HTTP load: wrk (Debian package `wrk`, written in C, so the load generator takes little
// of the 2 cores) when installed, else autocannon (npm, runs in Node). Returns req/s and latencies.

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const hasWrk = spawnSync("wrk", ["--version"]).error === undefined;
export const generator = hasWrk ? "wrk" : "autocannon";

/** @param {{url: string, method?: string, body?: string, headers?: Record<string,string>, seconds: number, connections: number}} o */
export async function load(o) {
  return hasWrk ? runWrk(o) : runAutocannon(o);
}

async function runWrk({ url, method = "GET", body, headers = {}, seconds, connections }) {
  const dir = mkdtempSync(path.join(tmpdir(), "wrk-"));
  const script = path.join(dir, "request.lua");
  const lines = [`wrk.method = ${JSON.stringify(method)}`];
  if (body !== undefined) lines.push(`wrk.body = ${JSON.stringify(body)}`);
  for (const [k, v] of Object.entries(headers)) lines.push(`wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
  // Count response statuses in the thread and print them from the main Lua state when done.
  lines.push(
    "local threads = {}",
    "setup = function(thread) table.insert(threads, thread) end",
    'response = function(status) local k = "s" .. status; _G[k] = (_G[k] or 0) + 1 end',
    "done = function()",
    "  for _, code in ipairs({200, 201, 204, 400, 401, 403, 404, 413, 429, 500, 502, 503}) do",
    '    local n = 0; for _, t in ipairs(threads) do n = n + (t:get("s" .. code) or 0) end',
    '    if n > 0 then io.write("STATUS " .. code .. " " .. n .. "\\n") end',
    "  end",
    "end",
  );
  writeFileSync(script, lines.join("\n"));
  // Asynchronous on purpose: the CM simulator runs in this process and must keep answering.
  const out = await new Promise((resolve, reject) => {
    const child = spawn("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, url]);
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.on("error", reject);
    child.on("close", () => resolve(text));
  });
  rmSync(dir, { recursive: true, force: true });
  if (process.env.BENCH_DEBUG) console.log(out);
  const ms = (label) => {
    const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, "m").exec(out);
    if (!m) return null;
    const v = Number(m[1]);
    return m[2] === "us" ? v / 1000 : m[2] === "s" ? v * 1000 : v;
  };
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: ms("50"),
    p99: ms("99"),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
    errors: Number(/Socket errors:.*?timeout (\d+)/.exec(out)?.[1] ?? 0),
    statuses: Object.fromEntries([...out.matchAll(/^STATUS (\d+) (\d+)$/gm)].map((m) => [m[1], Number(m[2])])),
  };
}

function runAutocannon({ url, method = "GET", body, headers = {}, seconds, connections }) {
  return new Promise((resolve, reject) => {
    autocannon({ url, method, body, headers, connections, duration: seconds }, (err, r) =>
      err
        ? reject(err)
        : resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts }),
    );
  });
}
