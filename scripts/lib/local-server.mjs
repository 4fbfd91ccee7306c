// Starts the real Worker locally (wrangler dev) on a free port with its own throw-away state, for
// e2e tests and benchmarks. Secrets are passed as --var, so no .dev.vars is read or written.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freshSecrets, LOCAL_DEVELOPMENT_VARS } from "../dev-vars.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const wrangler = path.join(root, "node_modules", ".bin", "wrangler");
export const quietEnv = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ port?: number, vars?: Record<string,string>, persistDir?: string, logLevel?: string }} options
 * @returns {Promise<{ url: string, port: number, secrets: Record<string,string>, persistDir: string, stop(): Promise<void>, process: import("node:child_process").ChildProcess }>}
 */
export async function startLocalServer(options = {}) {
  const port = options.port ?? (await freePort());
  const ownsState = !options.persistDir;
  const persistDir = options.persistDir ?? mkdtempSync(path.join(tmpdir(), "notifynl-state-"));
  const secrets = { ...freshSecrets(), ...(options.secrets ?? {}) };
  const vars = { ...LOCAL_DEVELOPMENT_VARS, ...secrets, ...(options.vars ?? {}) };
  const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], {
    cwd: root,
    env: quietEnv,
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr || migrate.stdout}`);
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistDir, "--log-level", options.logLevel ?? "warn"];
  for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
  // Own process group, so stopping (or crashing, for fault tests) reaches workerd too.
  const child = spawn(wrangler, args, { cwd: root, env: quietEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (d) => (output = (output + d).slice(-20_000)));
  child.stderr.on("data", (d) => (output = (output + d).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`wrangler dev did not start within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port,
    secrets,
    persistDir,
    process: child,
    output: () => output,
    async stop({ keepState = false } = {}) {
      await signalGroup(child, "SIGTERM", 5_000);
      if (ownsState && !keepState) rmSync(persistDir, { recursive: true, force: true });
    },
    /** Kills wrangler and workerd at once, as a crash would (state on disk is kept). */
    async crash() {
      await signalGroup(child, "SIGKILL", 0);
    },
  };
}

async function signalGroup(child, signal, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  const kill = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      child.kill(sig);
    }
  };
  kill(signal);
  const timer = graceMs > 0 ? setTimeout(() => kill("SIGKILL"), graceMs) : undefined;
  await exited;
  clearTimeout(timer);
}
