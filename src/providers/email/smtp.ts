/**
 * Email through an SMTP relay with worker-mailer (TCP via cloudflare:sockets): one connection and
 * one message per send. SMTP has no delivery receipts, so relay acceptance is final: status `sent`.
 *
 * Failure classification (from the SMTP reply code in worker-mailer's error message):
 *   authentication failed            → retry, logged loudly (fix the credentials; nothing is lost)
 *   5xx for RCPT or the message      → rejected (permanent-failure)
 *   4xx, timeouts, connection errors → retry with backoff
 */
import { LogLevel, WorkerMailer, type WorkerMailerOptions } from "worker-mailer";
import { errorFields, log } from "../../lib/log";
import type { SendOutcome, SendResult } from "../outcome";
import type { EmailProvider } from "./email-provider";

/** SMTP relay settings (from config). */
export interface SmtpOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Upgrade a plain connection with STARTTLS (local relays; production uses `secure`). */
  startTls: boolean;
  /** Implicit TLS (port 465). */
  secure?: boolean;
  timeoutMs?: number;
  /** Replaceable for tests of the classification. */
  send?: (options: WorkerMailerOptions, email: Parameters<typeof WorkerMailer.send>[1]) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** The SMTP email provider. */
export function createSmtpProvider(options: SmtpOptions): EmailProvider {
  const mailerOptions: WorkerMailerOptions = {
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    startTls: options.startTls,
    ...(options.user ? { credentials: { username: options.user, password: options.password }, authType: ["plain", "login"] } : {}),
    // worker-mailer uses socketTimeoutMs for both connecting and each server reply.
    socketTimeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // Its own log lines quote the recipient ("Invalid RCPT TO: <jan@…>"); ours carry only reply codes.
    logLevel: LogLevel.NONE,
  };
  const send = options.send ?? ((o, e) => WorkerMailer.send(o, e));

  return {
    name: "smtp",
    async send(message): Promise<SendResult> {
      try {
        await send(mailerOptions, {
          from: message.from,
          to: message.to,
          ...(message.replyTo ? { reply: headerSafe(message.replyTo) } : {}),
          subject: headerSafe(message.subject),
          text: message.text,
          html: message.html,
          headers: unsubscribeHeaders(message.oneClickUnsubscribeUrl),
        });
      } catch (error) {
        return { outcomes: [classifySmtpError(message.notificationId, error)], receipts: [] };
      }
      return {
        outcomes: [{ kind: "accepted", notificationId: message.notificationId, status: "sent", provider: "smtp", billableUnits: 0 }],
        receipts: [],
      };
    },
  };
}

/** RFC 8058 one-click unsubscribe headers, when the notification has an unsubscribe URL. */
export function unsubscribeHeaders(url: string | null): Record<string, string> {
  if (!url) return {};
  return { "List-Unsubscribe": `<${headerSafe(url).replace(/[<>\s]/g, "")}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** worker-mailer writes header values as given: no CR/LF may reach them (header injection). */
function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, " ").trim();
}

/** Maps a worker-mailer error to an outcome; the message text never contains the email content. */
export function classifySmtpError(notificationId: string, error: unknown): SendOutcome {
  const text = redact(error instanceof Error ? error.message : String(error));
  const reply = /\b([45]\d\d)\b/.exec(text)?.[1];
  if (/authentication|auth method|Invalid login/i.test(text)) {
    log.error("smtp_auth_failed", { notification_id: notificationId, smtp_reply: reply ?? null });
    return { kind: "retry", notificationId, reason: "smtp_auth_failed" };
  }
  if (reply?.startsWith("5") && /RCPT|email body|DATA/i.test(text)) {
    return { kind: "rejected", notificationId, provider: "smtp", billableUnits: 0, reason: `SMTP ${reply}` };
  }
  log.warn("smtp_send_transient", { notification_id: notificationId, smtp_reply: reply ?? null, ...errorFields(new Error(text)) });
  return { kind: "retry", notificationId, reason: reply ? `smtp_${reply}` : "smtp_connection_error" };
}

/**
 * worker-mailer quotes `RCPT TO: <address>` in its errors, and some servers quote the address bare
 * ("jan@example.nl... User unknown"): every word with an @ goes. Cut first, so the work is bounded.
 */
export function redact(text: string): string {
  return text.slice(0, 500).replace(/[^\s<>]*@[^\s<>]*/g, "<redacted>");
}
