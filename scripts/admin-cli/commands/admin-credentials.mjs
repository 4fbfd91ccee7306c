// Admin credential commands. Each command's name is the admin API operationId it calls.
import { API, segment, str } from "../flags.mjs";

export const adminCredentialCommands = {
  "create-admin-credential": {
    help: "--name <who, e.g. j.jansen> --role admin|read-only",
    flags: { name: str, role: str },
    required: ["name", "role"],
    request: (f) => ["POST", `${API}/admin-credentials`, { name: f.name, role: f.role }],
  },
  "list-admin-credentials": {
    help: "",
    flags: {},
    required: [],
    request: () => ["GET", `${API}/admin-credentials`],
  },
  "get-admin-credential": {
    help: "--credential-id <id>",
    flags: { "credential-id": str },
    required: ["credential-id"],
    request: (f) => ["GET", `${API}/admin-credentials/${segment(f, "credential-id")}`],
  },
  "update-admin-credential": {
    help: "--credential-id <id> --role admin|read-only",
    flags: { "credential-id": str, role: str },
    required: ["credential-id", "role"],
    request: (f) => ["PATCH", `${API}/admin-credentials/${segment(f, "credential-id")}`, { role: f.role }],
  },
  "revoke-admin-credential": {
    help: "--credential-id <id>",
    flags: { "credential-id": str },
    required: ["credential-id"],
    request: (f) => ["DELETE", `${API}/admin-credentials/${segment(f, "credential-id")}`],
  },
};
