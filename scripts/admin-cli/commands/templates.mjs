// Template commands. Each command's name is the admin API operationId it calls.
import { boolFlag, PAGE, pageOf, SERVICE, segment, servicePath, str, templateBody } from "../flags.mjs";

export const templateCommands = {
  "create-template": {
    help: "--service-id <id> --name <name> --type sms|email [--subject <s>] (--body <text> | --body-file <file>) [--priority priority|normal|bulk]",
    flags: { ...SERVICE, name: str, type: str, subject: str, body: str, "body-file": str, priority: str },
    required: ["service-id", "name", "type"],
    request: (f) => [
      "POST",
      servicePath(f, "/templates"),
      { name: f.name, type: f.type, subject: f.subject, body: templateBody(f, true), priority: f.priority },
    ],
  },
  "list-templates": {
    help: "--service-id <id> [--type sms|email] [--archived true|false] [--page-size <n>] [--after <template id>]",
    flags: { ...SERVICE, ...PAGE, type: str, archived: str },
    required: ["service-id"],
    request: (f) => ["GET", servicePath(f, "/templates", { type: f.type, archived: f.archived, ...pageOf(f) })],
  },
  "update-template": {
    help: "--service-id <id> --template-id <id> [--name <n>] [--subject <s>] [--body <text> | --body-file <file>] [--priority <p>]",
    flags: { ...SERVICE, "template-id": str, name: str, subject: str, body: str, "body-file": str, priority: str },
    required: ["service-id", "template-id"],
    request: (f) => [
      "PUT",
      servicePath(f, `/templates/${segment(f, "template-id")}`),
      { name: f.name, subject: f.subject, body: templateBody(f, false), priority: f.priority },
    ],
  },
  "get-template": {
    help: "--service-id <id> --template-id <id> [--version <n>]",
    flags: { ...SERVICE, "template-id": str, version: str },
    required: ["service-id", "template-id"],
    request: (f) => ["GET", servicePath(f, `/templates/${segment(f, "template-id")}`, { version: f.version })],
  },
  "update-template-status": {
    help:
      "--service-id <id> --template-id <id> [--archived true|false] [--retry-failed true|false|default]\n" +
      "      (archive or make usable again; send a failed message once more, or follow the service's setting)",
    flags: { ...SERVICE, "template-id": str, archived: str, "retry-failed": str },
    required: ["service-id", "template-id"],
    request: (f) => [
      "PATCH",
      servicePath(f, `/templates/${segment(f, "template-id")}`),
      { archived: boolFlag(f, "archived"), retry_failed: f["retry-failed"] === "default" ? null : boolFlag(f, "retry-failed") },
    ],
  },
  "list-template-versions": {
    help: "--service-id <id> --template-id <id>   (newest first)",
    flags: { ...SERVICE, "template-id": str },
    required: ["service-id", "template-id"],
    request: (f) => ["GET", servicePath(f, `/templates/${segment(f, "template-id")}/versions`)],
  },
};
