// Callback commands. Each command's name is the admin API operationId it calls.
import { SERVICE, segment, servicePath, str } from "../flags.mjs";

export const callbackCommands = {
  "set-callback": {
    help: "--service-id <id> --type delivery-status|inbound-sms --callback-url <https url> --bearer-token <token>",
    flags: { ...SERVICE, type: str, "callback-url": str, "bearer-token": str },
    required: ["service-id", "type", "callback-url", "bearer-token"],
    request: (f) => [
      "PUT",
      servicePath(f, `/callbacks/${segment(f, "type")}`),
      { url: f["callback-url"], bearer_token: f["bearer-token"] },
    ],
  },
  "list-callbacks": {
    help: "--service-id <id>",
    flags: { ...SERVICE },
    required: ["service-id"],
    request: (f) => ["GET", servicePath(f, "/callbacks")],
  },
  "get-callback": {
    help: "--service-id <id> --type delivery-status|inbound-sms",
    flags: { ...SERVICE, type: str },
    required: ["service-id", "type"],
    request: (f) => ["GET", servicePath(f, `/callbacks/${segment(f, "type")}`)],
  },
  "delete-callback": {
    help: "--service-id <id> --type delivery-status|inbound-sms",
    flags: { ...SERVICE, type: str },
    required: ["service-id", "type"],
    request: (f) => ["DELETE", servicePath(f, `/callbacks/${segment(f, "type")}`)],
  },
};
