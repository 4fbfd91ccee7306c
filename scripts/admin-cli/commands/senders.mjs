// SMS sender and email reply-to commands. Each command's name is the admin API operationId it calls.
import { bool, boolFlag, PAGE, pageOf, SERVICE, segment, servicePath, str } from "../flags.mjs";

/** Paging flags of a list command, as the query of its request. */

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
  "list-sms-senders": {
    help: "--service-id <id> [--page-size <1-500>] [--after <sms sender id>]",
    flags: { ...SERVICE, ...PAGE },
    required: ["service-id"],
    request: (f) => ["GET", servicePath(f, "/sms-senders", pageOf(f))],
  },
  "get-sms-sender": {
    help: "--service-id <id> --sms-sender-id <id>",
    flags: { ...SERVICE, "sms-sender-id": str },
    required: ["service-id", "sms-sender-id"],
    request: (f) => ["GET", servicePath(f, `/sms-senders/${segment(f, "sms-sender-id")}`)],
  },
  "update-sms-sender": {
    help: "--service-id <id> --sms-sender-id <id> [--sms-sender <sender>] [--default true|false]",
    flags: { ...SERVICE, "sms-sender-id": str, "sms-sender": str, default: str },
    required: ["service-id", "sms-sender-id"],
    request: (f) => [
      "PATCH",
      servicePath(f, `/sms-senders/${segment(f, "sms-sender-id")}`),
      { sms_sender: f["sms-sender"], is_default: boolFlag(f, "default") },
    ],
  },
  "delete-sms-sender": {
    help: "--service-id <id> --sms-sender-id <id>",
    flags: { ...SERVICE, "sms-sender-id": str },
    required: ["service-id", "sms-sender-id"],
    request: (f) => ["DELETE", servicePath(f, `/sms-senders/${segment(f, "sms-sender-id")}`)],
  },
  "create-reply-to": {
    help: "--service-id <id> --email-address <address> [--default]",
    flags: { ...SERVICE, "email-address": str, default: bool },
    required: ["service-id", "email-address"],
    request: (f) => ["POST", servicePath(f, "/email-reply-to"), { email_address: f["email-address"], is_default: f.default }],
  },
  "list-reply-tos": {
    help: "--service-id <id> [--page-size <1-500>] [--after <reply-to id>]",
    flags: { ...SERVICE, ...PAGE },
    required: ["service-id"],
    request: (f) => ["GET", servicePath(f, "/email-reply-to", pageOf(f))],
  },
  "get-reply-to": {
    help: "--service-id <id> --reply-to-id <id>",
    flags: { ...SERVICE, "reply-to-id": str },
    required: ["service-id", "reply-to-id"],
    request: (f) => ["GET", servicePath(f, `/email-reply-to/${segment(f, "reply-to-id")}`)],
  },
  "update-reply-to": {
    help: "--service-id <id> --reply-to-id <id> [--email-address <address>] [--default true|false]",
    flags: { ...SERVICE, "reply-to-id": str, "email-address": str, default: str },
    required: ["service-id", "reply-to-id"],
    request: (f) => [
      "PATCH",
      servicePath(f, `/email-reply-to/${segment(f, "reply-to-id")}`),
      { email_address: f["email-address"], is_default: boolFlag(f, "default") },
    ],
  },
  "delete-reply-to": {
    help: "--service-id <id> --reply-to-id <id>",
    flags: { ...SERVICE, "reply-to-id": str },
    required: ["service-id", "reply-to-id"],
    request: (f) => ["DELETE", servicePath(f, `/email-reply-to/${segment(f, "reply-to-id")}`)],
  },
};
