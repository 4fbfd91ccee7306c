// Invitation commands (the web console's team). Each command's name is the admin API operationId it calls.
import { list, SERVICE, servicePath, str } from "../flags.mjs";

export const invitationCommands = {
  "create-invitation": {
    help: "--service-id <id> --email-address <address> [--permissions view,send,manage_templates,manage_service,manage_api_keys]   (default: all)",
    flags: { ...SERVICE, "email-address": str, permissions: str },
    required: ["service-id", "email-address"],
    request: (f) => ["POST", servicePath(f, "/invitations"), { email_address: f["email-address"], permissions: list(f, "permissions") }],
  },
};
