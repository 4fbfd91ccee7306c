// Evidence of delivery (Wmebv) commands. Each command's name is the admin API operationId it calls.
// --html prints the printable Dutch page instead of JSON; save it and open or print it in a browser:
//   npm run admin -- get-notification-evidence --service-id <id> --notification-id <id> --html > bewijs.html
import { bool, SERVICE, segment, servicePath, str } from "../flags.mjs";

const html = (f) => (f.html ? { accept: "text/html" } : {});

export const notificationCommands = {
  "get-notification-history": {
    help: "--service-id <id> --notification-id <id>",
    flags: { ...SERVICE, "notification-id": str },
    required: ["service-id", "notification-id"],
    request: (f) => ["GET", servicePath(f, `/notifications/${segment(f, "notification-id")}/history`)],
  },
  "get-notification-evidence": {
    help: "--service-id <id> --notification-id <id> [--html (the printable Dutch page)]",
    flags: { ...SERVICE, "notification-id": str, html: bool },
    required: ["service-id", "notification-id"],
    request: (f) => ["GET", servicePath(f, `/notifications/${segment(f, "notification-id")}/evidence`), undefined, html(f)],
  },
  "get-recipient-evidence": {
    help: "--service-id <id> (--phone-number <number> | --email-address <address>) [--html (the printable Dutch page)]",
    flags: { ...SERVICE, "phone-number": str, "email-address": str, html: bool },
    required: ["service-id"],
    request: (f) => [
      "GET",
      servicePath(f, "/evidence", { phoneNumber: f["phone-number"], emailAddress: f["email-address"] }),
      undefined,
      html(f),
    ],
  },
};
