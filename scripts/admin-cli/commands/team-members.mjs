// Team member commands. Each command's name is the admin API operationId it calls.
import { PAGE, pageOf, SERVICE, segment, servicePath, str } from "../flags.mjs";

export const teamMemberCommands = {
  "create-team-member": {
    help: "--service-id <id> [--email-address <address>] [--phone-number <number>]",
    flags: { ...SERVICE, "email-address": str, "phone-number": str },
    required: ["service-id"],
    request: (f) => ["POST", servicePath(f, "/team-members"), { email_address: f["email-address"], phone_number: f["phone-number"] }],
  },
  "list-team-members": {
    help: "--service-id <id> [--page-size <1-500>] [--after <member id>]",
    flags: { ...SERVICE, ...PAGE },
    required: ["service-id"],
    request: (f) => ["GET", servicePath(f, "/team-members", pageOf(f))],
  },
  "delete-team-member": {
    help: "--service-id <id> --member-id <id>",
    flags: { ...SERVICE, "member-id": str },
    required: ["service-id", "member-id"],
    request: (f) => ["DELETE", servicePath(f, `/team-members/${segment(f, "member-id")}`)],
  },
};
