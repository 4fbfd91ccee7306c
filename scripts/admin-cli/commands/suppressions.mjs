// Suppression-list commands (opted-out recipients). Each command's name is the admin API operationId it calls.
import { PAGE, pageOf, SERVICE, segment, servicePath, str } from "../flags.mjs";

export const suppressionCommands = {
  "create-suppression": {
    help: "--service-id <id> (--phone-number <number> | --email-address <address>)",
    flags: { ...SERVICE, "phone-number": str, "email-address": str },
    required: ["service-id"],
    request: (f) => ["POST", servicePath(f, "/suppressions"), { phone_number: f["phone-number"], email_address: f["email-address"] }],
  },
  "list-suppressions": {
    help: "--service-id <id> [--channel <sms|email>] [--page-size <1-500>] [--after <suppression id>]",
    flags: { ...SERVICE, ...PAGE, channel: str },
    required: ["service-id"],
    request: (f) => ["GET", servicePath(f, "/suppressions", { channel: f.channel, ...pageOf(f) })],
  },
  "delete-suppression": {
    help: "--service-id <id> --suppression-id <id>",
    flags: { ...SERVICE, "suppression-id": str },
    required: ["service-id", "suppression-id"],
    request: (f) => ["DELETE", servicePath(f, `/suppressions/${segment(f, "suppression-id")}`)],
  },
};
