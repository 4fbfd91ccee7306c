// A complete local stack for a benchmark: the CM.com simulator and the Worker under wrangler dev,
// wired together (SMS through the real CM adapter), plus a seeded organisation and service.

import { freePort, startLocalServer } from "../../scripts/lib/local-server.mjs";
import { startCmSimulator } from "../../tools/cm-simulator/server.mjs";

export async function startStack({ reportDelayMs = 200, vars = {}, persistDir, port } = {}) {
  const serverPort = port ?? (await freePort());
  const webhookToken = "bench-webhook-token-0123456789abcdef";
  const productToken = "00000000-0000-0000-0000-00000000beef";
  const cm = await startCmSimulator({
    productToken,
    reportDelayMs,
    reportUrl: process.env.BENCH_NO_REPORTS ? undefined : `http://127.0.0.1:${serverPort}/callbacks/cm/${webhookToken}/status`,
  });
  const server = await startLocalServer({
    port: serverPort,
    persistDir,
    logLevel: process.env.BENCH_LOG_LEVEL ?? "error",
    secrets: { CM_WEBHOOK_TOKEN: webhookToken, CM_PRODUCT_TOKEN: productToken },
    vars: {
      SMS_PROVIDER: "cm",
      CM_BASE_URL: cm.url,
      DEFAULT_RATE_LIMIT: "1000000",
      DEFAULT_SMS_DAILY_LIMIT: "10000000",
      DEFAULT_EMAIL_DAILY_LIMIT: "10000000",
      ...vars,
    },
  });
  return {
    cm,
    server,
    async stop(options) {
      await server.stop(options);
      await cm.close();
    },
  };
}

export async function admin(server, method, path, body) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.secrets.ADMIN_TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/** An organisation with one live service, a live key and SMS templates in each lane. */
export async function seedBenchTenant(server, { sendRatePerMinute } = {}) {
  const org = await admin(server, "POST", "/admin/v1/organisations", {
    name: `Bench ${Date.now()}`,
    ...(sendRatePerMinute ? { send_rate_per_minute: sendRatePerMinute } : {}),
  });
  const service = await admin(server, "POST", "/admin/v1/services", {
    organisation_id: org.id,
    name: "Bench service",
    restricted: false,
    rate_limit: 1_000_000,
    sms_daily_limit: 10_000_000,
  });
  const key = await admin(server, "POST", `/admin/v1/services/${service.id}/api-keys`, { name: "bench", key_type: "normal" });
  const template = async (priority) =>
    (
      await admin(server, "POST", `/admin/v1/services/${service.id}/templates`, {
        name: `bench ${priority}`,
        type: "sms",
        body: "Beste ((naam)), uw afspraak is op ((datum)).",
        priority,
      })
    ).id;
  return {
    organisationId: org.id,
    serviceId: service.id,
    apiKey: key.key,
    templates: { normal: await template("normal"), priority: await template("priority"), bulk: await template("bulk") },
  };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
