// Service commands. Each command's name is the admin API operationId it calls.
import { API, boolFlag, int, list, PAGE, pageOf, SERVICE, servicePath, str, withQuery } from "../flags.mjs";

/** The settings flags create-service and update-service share. */
const SETTINGS = {
  name: str,
  restricted: str,
  "sms-sender": str,
  "email-from": str,
  "rate-limit": str,
  "sms-daily-limit": str,
  "email-daily-limit": str,
  "retention-days": str,
  permissions: str,
  "retry-sms": str,
  "retry-email": str,
  "retry-after-seconds": str,
  "callback-history": str,
};

/** The settings body from the flags; flags not given stay undefined and are left out of the request. */
const settingsOf = (f) => ({
  name: f.name,
  restricted: boolFlag(f, "restricted"),
  sms_sender: f["sms-sender"],
  email_from: f["email-from"],
  rate_limit: int(f, "rate-limit"),
  sms_daily_limit: int(f, "sms-daily-limit"),
  email_daily_limit: int(f, "email-daily-limit"),
  retention_days: int(f, "retention-days"),
  permissions: list(f, "permissions"),
  retry_sms: boolFlag(f, "retry-sms"),
  retry_email: boolFlag(f, "retry-email"),
  retry_after_seconds: f["retry-after-seconds"] === "default" ? null : int(f, "retry-after-seconds"),
  callback_history: boolFlag(f, "callback-history"),
});

export const serviceCommands = {
  "create-service": {
    help:
      "--organisation-id <id> --name <name> [--restricted true|false] [--sms-sender <s>] [--email-from <a>]\n" +
      "      [--rate-limit <n>] [--sms-daily-limit <n>] [--email-daily-limit <n>] [--retention-days <3-90>] [--permissions sms,email]\n" +
      "      [--retry-sms true|false] [--retry-email true|false] [--retry-after-seconds <n>|default] [--callback-history true|false]",
    flags: { "organisation-id": str, ...SETTINGS },
    required: ["organisation-id", "name"],
    request: (f) => ["POST", `${API}/services`, { organisation_id: f["organisation-id"], ...settingsOf(f) }],
  },
  "list-services": {
    help: "[--organisation-id <id>] [--page-size <1-500>] [--after <id of the last service of the previous page>]",
    flags: { "organisation-id": str, ...PAGE },
    required: [],
    request: (f) => ["GET", withQuery(`${API}/services`, { organisationId: f["organisation-id"], ...pageOf(f) })],
  },
  "update-service": {
    help:
      "--service-id <id> [--organisation-id <id>] [--name <name>] [--restricted true|false] [--active true|false]\n" +
      "      [--sms-sender <s>] [--email-from <a>] [--rate-limit <n>] [--sms-daily-limit <n>] [--email-daily-limit <n>]\n" +
      "      [--retention-days <3-90>] [--permissions sms,email]\n" +
      "      [--retry-sms true|false] [--retry-email true|false] [--retry-after-seconds <n>|default] [--callback-history true|false]",
    flags: { ...SERVICE, ...SETTINGS, active: str },
    required: ["service-id"],
    request: (f) => ["PATCH", servicePath(f), { ...settingsOf(f), active: boolFlag(f, "active") }],
  },
  "get-service": {
    help: "--service-id <id> [--organisation-id <id>]",
    flags: SERVICE,
    required: ["service-id"],
    request: (f) => ["GET", servicePath(f)],
  },
  "get-statistics": {
    help: "--service-id <id> [--days <1-90>]",
    flags: { ...SERVICE, days: str },
    required: ["service-id"],
    request: (f) => ["GET", servicePath(f, "/statistics", { days: f.days })],
  },
};
