/**
 * Typed, validated configuration, parsed from the Worker's env; a bad value fails
 * closed (every request answers 500 and the problem is logged) instead of running half-configured.
 */
import * as v from "valibot";
import { parseIpRange } from "./lib/ip-address";

const intString = (min: number, max: number) =>
  v.pipe(v.string(), v.regex(/^\d+$/, "must be a whole number"), v.transform(Number), v.minValue(min), v.maxValue(max));
const boolString = v.pipe(
  v.optional(v.picklist(["true", "false", ""]), "false"),
  v.transform((s) => s === "true"),
);
const secret = (minLength: number) => v.pipe(v.string(), v.minLength(minLength, `must be at least ${minLength} characters`));

/** A comma-separated list of addresses and CIDR ranges; "" for none. */
const ipRanges = v.pipe(
  v.optional(v.string(), ""),
  v.transform((text) =>
    text
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ""),
  ),
  v.check((entries) => entries.every((entry) => parseIpRange(entry) !== null), "must be IP addresses or CIDR ranges, separated by commas"),
  v.transform((entries) => entries.flatMap((entry) => parseIpRange(entry) ?? [])),
);

const ConfigSchema = v.object({
  ENVIRONMENT: v.optional(v.picklist(["development", "test", "production"]), "production"),
  ADMIN_TOKEN: secret(16),
  KEY_ENCRYPTION_KEY: secret(16),
  CM_WEBHOOK_TOKEN: secret(16),
  CM_PRODUCT_TOKEN: v.optional(v.string(), ""),
  /** Where CM.com's webhook requests may come from (CF-Connecting-IP); empty: anywhere with the token. */
  CM_WEBHOOK_ALLOWED_IPS: ipRanges,
  SMS_PROVIDER: v.picklist(["simulator", "cm"]),
  CM_BASE_URL: v.pipe(v.string(), v.url()),
  EMAIL_PROVIDER: v.picklist(["simulator", "smtp"]),
  EMAIL_DOMAIN: v.string(),
  SMTP_HOST: v.string(),
  SMTP_PORT: intString(1, 65535),
  SMTP_USER: v.optional(v.string(), ""),
  SMTP_PASSWORD: v.optional(v.string(), ""),
  SMTP_STARTTLS: boolString,
  /** TLS from the first byte (port 465): unlike STARTTLS it cannot be stripped on the way. */
  SMTP_SECURE: boolString,
  DEFAULT_RATE_LIMIT: intString(1, 1_000_000),
  DEFAULT_SMS_DAILY_LIMIT: intString(0, 100_000_000),
  DEFAULT_EMAIL_DAILY_LIMIT: intString(0, 100_000_000),
  DEFAULT_RETENTION_DAYS: intString(3, 90),
  DEFAULT_ORG_SEND_RATE: intString(1, 10_000_000),
  ALLOW_PRIVATE_CALLBACK_URLS: boolString,
  MAX_BODY_BYTES: intString(1024, 100 * 1024 * 1024),
  /** Who answers questions about this deployment's APIs: `info.contact` of the OpenAPI documents. */
  API_CONTACT_NAME: v.optional(v.string(), "NotifyNL Edge beheer"),
  API_CONTACT_EMAIL: v.optional(v.pipe(v.string(), v.email()), "beheer@notifynl.example"),
  API_CONTACT_URL: v.optional(v.pipe(v.string(), v.url()), "https://notifynl.example/contact"),
  /** How long a never-dispatched notification waits before the replay cron hands it over again. */
  REPLAY_AFTER_SECONDS: v.optional(intString(10, 86_400), "300"),
  /**
   * Wmebv: seconds before the second attempt of a failed first attempt, for services without their
   * own retry_after_seconds (src/notifications/second-attempt.ts; the same default there).
   */
  RETRY_FAILED_AFTER_SECONDS: v.optional(intString(0, 604_800), "900"),
});

export type Config = v.InferOutput<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * What production refuses to run with: messages that would be "delivered" by a simulator and never
 * sent, callbacks to private networks, SMTP that could end up in plain text.
 */
function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.ALLOW_PRIVATE_CALLBACK_URLS) problems.push("ALLOW_PRIVATE_CALLBACK_URLS must be false in production");
  if (config.SMS_PROVIDER !== "cm") problems.push("SMS_PROVIDER must be cm in production");
  if (config.EMAIL_PROVIDER !== "smtp") problems.push("EMAIL_PROVIDER must be smtp in production");
  // With STARTTLS, a relay (or anyone on the path) that does not offer it makes the mail library carry
  // on in plain text, AUTH included; implicit TLS has no such fallback.
  if (!config.SMTP_SECURE) problems.push("SMTP_SECURE must be true in production (implicit TLS, port 465)");
  return problems;
}

/** Parses the environment into a Config (once per env: app/build-services.ts keeps the result). */
export function loadConfig(env: unknown): Config {
  const result = v.safeParse(ConfigSchema, env);
  if (!result.success) {
    const fields = Object.entries(v.flatten(result.issues).nested ?? {})
      .map(([key, messages]) => `${key}: ${(messages ?? []).join(", ")}`)
      .join("; ");
    throw new ConfigError(`Invalid configuration: ${fields}`);
  }
  if (result.output.ENVIRONMENT === "production") {
    const unsafe = productionProblems(result.output);
    if (unsafe.length > 0) throw new ConfigError(`Invalid configuration: ${unsafe.join("; ")}`);
  }
  return result.output;
}
