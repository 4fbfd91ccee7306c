// Organisation commands. Each command's name is the admin API operationId it calls.
import { API, int, str } from "../flags.mjs";

export const organisationCommands = {
  "create-organisation": {
    help: "--name <name> [--send-rate <per minute>]",
    flags: { name: str, "send-rate": str },
    required: ["name"],
    request: (f) => ["POST", `${API}/organisations`, { name: f.name, send_rate_per_minute: int(f, "send-rate") }],
  },
  "list-organisations": {
    help: "",
    flags: {},
    required: [],
    request: () => ["GET", `${API}/organisations`],
  },
};
