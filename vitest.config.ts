/**
 * Two test projects:
 *  - "workers": unit and integration tests inside workerd (D1, Durable Objects, queues, cron), with the
 *    CM.com fake, an SMTP server and a callback receiver started in Node by the global setup.
 *  - "e2e": Node-side tests that start the real local server (wrangler dev) and drive it over HTTP.
 *  - "tools": the dependency-free tools in Node (the CM.com fake).
 */
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { LOCAL_DEVELOPMENT_VARS } from "./scripts/dev-vars.mjs";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest(({ inject }) => ({
              main: "./src/index.ts",
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ...LOCAL_DEVELOPMENT_VARS,
                  ENVIRONMENT: "test",
                  ADMIN_TOKEN: "test-admin-token-0123456789",
                  KEY_ENCRYPTION_KEY: "test-key-encryption-key-0123456789",
                  CM_WEBHOOK_TOKEN: "test-cm-webhook-token-0123456789",
                  CM_PRODUCT_TOKEN: "00000000-0000-0000-0000-000000000001",
                  SMTP_PASSWORD: "test",
                  CM_BASE_URL: inject("cmUrl"),
                  SMTP_PORT: String(inject("smtpPort")),
                  TEST_SUPPORT_URL: inject("supportUrl"),
                },
              },
            })),
          ],
          test: {
            name: "workers",
            include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts", "test/hostile/**/*.test.ts"],
            globalSetup: ["./test/support/global-setup.ts"],
            setupFiles: ["./test/support/apply-migrations.ts"],
            testTimeout: 10_000, // the slowest test takes about 1 s; waits inside tests (eventually, waitUntil) give up after 5 s
          },
        },
        {
          test: {
            name: "e2e",
            environment: "node",
            include: ["test/e2e/**/*.test.ts"],
            testTimeout: 120_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
        {
          test: {
            name: "tools",
            environment: "node",
            include: ["test/tools/**/*.test.mjs"],
            // Report retries against a receiver that is down run through real backoff delays.
            testTimeout: 30_000,
          },
        },
      ],
    },
  };
});
