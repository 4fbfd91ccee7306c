/**
 * The admin API as a platform administrator meets it, against a locally started server (wrangler dev):
 * its OpenAPI document passes the Logius NL API Design Rules ruleset (vendored in
 * test/nl-api-design-rules/linter.yaml) with 0 errors, and the CLI has a command for every operation.
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
