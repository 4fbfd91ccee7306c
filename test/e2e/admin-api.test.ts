/**
 * The admin API as a platform administrator meets it, against a locally started server (wrangler dev):
 * its OpenAPI document passes the Logius NL API Design Rules ruleset (vendored in
 * test/nl-api-design-rules/linter.yaml) with 0 errors, the CLI has a command for every operation, and
 * through the CLI alone a named administrator onboards a municipality and can read back each step.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../scripts/admin-cli/commands/index.mjs";
import { startLocalServer } from "../../scripts/lib/local-server.mjs";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

let server: Awaited<ReturnType<typeof startLocalServer>>;
let document: { paths: Record<string, Record<string, { operationId: string }>> };

beforeAll(async () => {
  server = await startLocalServer();
  const res = await fetch(`${server.url}/admin/openapi.json`);
  expect(res.status).toBe(200);
  document = await res.json();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

interface SpectralResult {
  code: string;
  message: string;
  severity: number;
  path: string[];
}

describe("the admin OpenAPI document", () => {
  it("passes the Logius API Design Rules ruleset with 0 errors", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "adr-")), "openapi.json");
    writeFileSync(file, JSON.stringify(document));
    const spectral = path.join(ROOT, "node_modules/.bin/spectral");
    const ruleset = path.join(ROOT, "test/nl-api-design-rules/linter.yaml");
    // Spectral exits 1 when it finds errors; the JSON on stdout says which.
    const output = await run(spectral, ["lint", "-r", ruleset, "-f", "json", "--quiet", file], { cwd: ROOT }).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout }),
    );
    const results = JSON.parse(output.stdout || "[]") as SpectralResult[];
    const errors = results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join(".")}: ${r.message}`);
    expect(errors).toEqual([]);
  }, 60_000);

  it("is served without credentials, with the API-Version header", async () => {
    const res = await fetch(`${server.url}/admin/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("api-version")).toMatch(/^\d+\.\d+\.\d+$/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("the admin CLI", () => {
  it("has a command for every operation, named after its operationId", () => {
    const operationIds = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect(operationIds.length).toBeGreaterThan(20);
    expect(operationIds.filter((id) => !(id in COMMANDS))).toEqual([]);
  });

  it("has no command without an operation", () => {
    const operationIds = new Set(Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId)));
    expect(Object.keys(COMMANDS).filter((name) => !operationIds.has(name))).toEqual([]);
  });
});

/** Runs the admin CLI against the test server; resolves to stdout (or the parsed JSON with --json). */
async function cli(token: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, "scripts/admin.mjs"), ...args, "--url", server.url, "--token", token], {
    cwd: ROOT,
  });
  return stdout;
}
const cliJson = async <T = Record<string, string>>(token: string, ...args: string[]): Promise<T> =>
  JSON.parse(await cli(token, ...args, "--json"));

describe("an administrator, through the CLI alone", () => {
  it("onboards a municipality, takes it live, changes limits, suspends it, archives a template, rotates a key, and reads who did it", async () => {
    const bootstrap = server.secrets.ADMIN_TOKEN;
    const anna = await cliJson<{ token: string }>(bootstrap, "create-admin-credential", "--name", "ops-anna", "--role", "admin");

    const org = await cliJson(anna.token, "create-organisation", "--name", "Gemeente Voorbeeld");
    const svc = await cliJson(anna.token, "create-service", "--organisation-id", org.id, "--name", "Afvalkalender");
    const s = ["--service-id", svc.id];
    expect(await cliJson(anna.token, "update-service", ...s, "--restricted", "false")).toMatchObject({ restricted: false });
    expect(await cliJson(anna.token, "update-service", ...s, "--sms-daily-limit", "5000", "--rate-limit", "600")).toMatchObject({
      sms_daily_limit: 5000,
      rate_limit: 600,
    });
    const template = await cliJson(
      anna.token,
      "create-template",
      ...s,
      "--name",
      "Ophaaldag",
      "--type",
      "sms",
      "--body",
      "Morgen: ((soort))",
    );
    expect(await cliJson(anna.token, "update-template-status", ...s, "--template-id", template.id, "--archived", "true")).toMatchObject({
      archived: true,
    });
    const oldKey = await cliJson(anna.token, "create-api-key", ...s, "--name", "backend 2025", "--key-type", "normal");
    await cliJson(anna.token, "create-api-key", ...s, "--name", "backend 2026", "--key-type", "normal");
    await cli(anna.token, "revoke-api-key", ...s, "--key-id", oldKey.id);
    expect(await cliJson(anna.token, "update-service", ...s, "--active", "false")).toMatchObject({ active: false });

    const log = await cliJson<{ audit_log: { actor: string; action: string }[] }>(
      anna.token,
      "list-audit-log",
      "--organisation-id",
      org.id,
    );
    expect(log.audit_log.map((e) => `${e.actor} ${e.action}`).reverse()).toEqual([
      "ops-anna organisation.create",
      "ops-anna service.create",
      "ops-anna service.go_live",
      "ops-anna service.update",
      "ops-anna template.create",
      "ops-anna template.archive",
      "ops-anna api_key.create",
      "ops-anna api_key.create",
      "ops-anna api_key.revoke",
      "ops-anna service.suspend",
    ]);
    const created = await cliJson<{ audit_log: { actor: string }[] }>(bootstrap, "list-audit-log", "--action", "admin_credential.create");
    expect(created.audit_log.map((e) => e.actor)).toContain("bootstrap");
  }, 60_000);

  it("prints lists as a table", async () => {
    const table = await cli(server.secrets.ADMIN_TOKEN, "list-organisations");
    const [header, rule] = table.split("\n");
    expect(header?.split(/\s+/)).toEqual(["id", "name", "send_rate_per_minute"]);
    expect(rule).toMatch(/^-+ +-+ +-+$/);
  });
});
