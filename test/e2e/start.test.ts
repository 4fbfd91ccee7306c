/**
 * `npm start` end to end: runs scripts/start.mjs on a free port with its secrets file and local
 * state in a temporary directory (NOTIFYNL_DEV_VARS, NOTIFYNL_PERSIST_DIR), so the developer's
 * .dev.vars and .wrangler state are never touched; then drives the printed credentials over HTTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

let dir = "";
let child: ChildProcess | undefined;
let output = "";
let baseUrl = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const match = pattern.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match);
      } else if (child?.exitCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`no ${pattern} in start.mjs output (exit ${child?.exitCode}):\n${output}`));
      }
    }, 100);
  });
}

function exited(process: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (process.exitCode !== null) return Promise.resolve(process.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("start.mjs did not exit")), timeoutMs);
    process.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "notifynl-start-"));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ["scripts/start.mjs", "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, NOTIFYNL_DEV_VARS: path.join(dir, "dev.vars"), NOTIFYNL_PERSIST_DIR: path.join(dir, "state") },
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group, so a failed test can still stop wrangler and workerd (see afterAll).
    detached: true,
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(/Stop with Ctrl-C/, 90_000);
});

afterAll(async () => {
  if (child?.pid && child.exitCode === null) {
    child.kill("SIGTERM");
    await exited(child, 15_000).catch(() => process.kill(-(child?.pid ?? 0), "SIGKILL"));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("writes a fresh secrets file, uses the given state directory and prints the credentials", async () => {
    const vars = readFileSync(path.join(dir, "dev.vars"), "utf8");
    const token = (await waitFor(/Admin token:\s+(\S+)/, 1000))[1] ?? "";
    expect(vars).toContain(`ADMIN_TOKEN=${token}`);
    for (const key of ["KEY_ENCRYPTION_KEY", "CM_WEBHOOK_TOKEN", "CM_PRODUCT_TOKEN", "SMTP_PASSWORD"])
      expect(vars).toMatch(new RegExp(`^${key}=\\S{16,}$`, "m"));
    expect(existsSync(path.join(dir, "state", "v3", "d1"))).toBe(true);
    expect(output).toMatch(/API key \(normal\): demo_live-[0-9a-f-]{36}-[0-9a-f-]{36}/);
    expect(output).toMatch(/API key \(test\):\s+demo_test-/);
    expect(output).toMatch(/SMS template:\s+[0-9a-f-]{36}/);
    expect(output).toContain("/v2/notifications/sms");
  });

  it("serves /health and the admin API with the printed token", async () => {
    const health = await fetch(`${baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    const token = (await waitFor(/Admin token:\s+(\S+)/, 1000))[1] ?? "";
    const key = (await waitFor(/API key \(normal\):\s+(\S+)/, 1000))[1] ?? "";
    const serviceId = key.slice(-73, -37);
    const headers = { authorization: `Bearer ${token}` };
    const orgs = (await (await fetch(`${baseUrl}/admin/v1/organisations`, { headers })).json()) as { organisations: { name: string }[] };
    expect(orgs.organisations.map((o) => o.name)).toEqual(["Gemeente Voorbeeld"]);
    const service = (await (await fetch(`${baseUrl}/admin/v1/services/${serviceId}`, { headers })).json()) as Record<string, unknown>;
    expect(service).toMatchObject({ name: "Parkeervergunningen", restricted: false });
    const keys = (await (await fetch(`${baseUrl}/admin/v1/services/${serviceId}/api-keys`, { headers })).json()) as {
      api_keys: { key_type: string }[];
    };
    expect(keys.api_keys.map((k) => k.key_type)).toEqual(["normal", "test"]);
    expect((await fetch(`${baseUrl}/admin/v1/organisations`)).status).toBe(401);
  });

  it("stops wrangler on SIGTERM", async () => {
    child?.kill("SIGTERM");
    expect(await exited(child as ChildProcess, 15_000)).toBe(0);
    await expect(fetch(`${baseUrl}/health`)).rejects.toThrow();
  });
});
