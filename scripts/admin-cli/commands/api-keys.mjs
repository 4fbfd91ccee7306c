// API key commands. Each command's name is the admin API operationId it calls.
// Rotating a key: create-api-key (give the new key to the client), then revoke-api-key on the old one.
import { PAGE, pageOf, SERVICE, segment, servicePath, str } from "../flags.mjs";

export const apiKeyCommands = {
  "create-api-key": {
    help: "--service-id <id> --name <name> --key-type normal|team|test",
    flags: { ...SERVICE, name: str, "key-type": str },
    required: ["service-id", "name", "key-type"],
    request: (f) => ["POST", servicePath(f, "/api-keys"), { name: f.name, key_type: f["key-type"] }],
  },
  "list-api-keys": {
    help: "--service-id <id> [--revoked true|false] [--page-size <n>] [--after <key id>]",
    flags: { ...SERVICE, ...PAGE, revoked: str },
    required: ["service-id"],
    request: (f) => ["GET", servicePath(f, "/api-keys", { revoked: f.revoked, ...pageOf(f) })],
  },
  "get-api-key": {
    help: "--service-id <id> --key-id <id>",
    flags: { ...SERVICE, "key-id": str },
    required: ["service-id", "key-id"],
    request: (f) => ["GET", servicePath(f, `/api-keys/${segment(f, "key-id")}`)],
  },
  "revoke-api-key": {
    help: "--service-id <id> --key-id <id>   (rotation: create-api-key first, then revoke the old key)",
    flags: { ...SERVICE, "key-id": str },
    required: ["service-id", "key-id"],
    request: (f) => ["DELETE", servicePath(f, `/api-keys/${segment(f, "key-id")}`)],
  },
};
