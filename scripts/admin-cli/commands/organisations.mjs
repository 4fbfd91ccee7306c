// Organisation commands. Each command's name is the admin API operationId it calls.
import { API, int, PAGE, pageOf, segment, str, withQuery } from "../flags.mjs";

/** --send-rate <n>, or `default` for null (back to the deployment default). */
function sendRate(flags) {
  return flags["send-rate"] === "default" ? null : int(flags, "send-rate");
}

export const organisationCommands = {
  "create-organisation": {
    help: "--name <name> [--send-rate <per minute>]",
    flags: { name: str, "send-rate": str },
    required: ["name"],
    request: (f) => ["POST", `${API}/organisations`, { name: f.name, send_rate_per_minute: int(f, "send-rate") }],
  },
  "list-organisations": {
    help: "[--page-size <1-500>] [--after <id of the last organisation of the previous page>]",
    flags: PAGE,
    required: [],
    request: (f) => ["GET", withQuery(`${API}/organisations`, pageOf(f))],
  },
  "get-organisation": {
    help: "--organisation-id <id>",
    flags: { "organisation-id": str },
    required: ["organisation-id"],
    request: (f) => ["GET", `${API}/organisations/${segment(f, "organisation-id")}`],
  },
  "update-organisation": {
    help: "--organisation-id <id> [--name <name>] [--send-rate <per minute>|default]",
    flags: { "organisation-id": str, name: str, "send-rate": str },
    required: ["organisation-id"],
    request: (f) => ["PATCH", `${API}/organisations/${segment(f, "organisation-id")}`, { name: f.name, send_rate_per_minute: sendRate(f) }],
  },
};
