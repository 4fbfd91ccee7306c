// SMS sender and email reply-to commands. Each command's name is the admin API operationId it calls.
import { bool, SERVICE, servicePath, str } from "../flags.mjs";

export const senderCommands = {
  "create-sms-sender": {
    help: "--service-id <id> --sms-sender <sender or number> [--default] [--inbound-number]",
    flags: { ...SERVICE, "sms-sender": str, default: bool, "inbound-number": bool },
    required: ["service-id", "sms-sender"],
    request: (f) => [
      "POST",
      servicePath(f, "/sms-senders"),
      { sms_sender: f["sms-sender"], is_default: f.default, inbound_number: f["inbound-number"] },
    ],
  },
  "create-reply-to": {
    help: "--service-id <id> --email-address <address> [--default]",
    flags: { ...SERVICE, "email-address": str, default: bool },
    required: ["service-id", "email-address"],
    request: (f) => ["POST", servicePath(f, "/email-reply-to"), { email_address: f["email-address"], is_default: f.default }],
  },
};
