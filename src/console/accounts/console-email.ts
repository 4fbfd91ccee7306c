/**
 * The console's own emails (invitations, password resets): rendered by the same Notify-markdown
 * renderer as every service's email and handed to the configured email provider (SMTP, or the
 * simulator locally). They carry a secret link, so they are never stored as notifications, and the
 * link is logged only in development, where `npm start` prints it for the developer to follow.
 */
import type { Services } from "../../app/services";
import { log } from "../../lib/log";
import { renderEmail } from "../../notifications/render/email";

export interface ConsoleEmail {
  /** Why it is sent, for the log: "invitation" or "password_reset". */
  purpose: string;
  to: string;
  subject: string;
  /** Notify markdown (the link on a line of its own becomes a link). */
  body: string;
  /** The secret link in the body, logged in development only. */
  link: string;
}

export type ConsoleEmailDeps = Pick<Services, "providers" | "config">;

/** True when the provider took the message; false (logged) when it did not: the caller tells the user. */
export async function sendConsoleEmail(deps: ConsoleEmailDeps, email: ConsoleEmail, requestId: string): Promise<boolean> {
  const rendered = renderEmail({ subject: email.subject, body: email.body }, {});
  const id = crypto.randomUUID();
  if (deps.config.ENVIRONMENT === "development") log.info("console_email_link", { purpose: email.purpose, link: email.link });
  try {
    const result = await deps.providers.email.send({
      notificationId: id,
      to: email.to,
      normalisedTo: email.to.toLowerCase(),
      // A bare address: the SMTP provider passes it to MAIL FROM as is ("Name <addr>" is refused there).
      from: `noreply@${deps.config.EMAIL_DOMAIN}`,
      replyTo: null,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      oneClickUnsubscribeUrl: null,
    });
    const accepted = result.outcomes.some((outcome) => outcome.kind === "accepted");
    if (!accepted) log.warn("console_email_not_sent", { request_id: requestId, purpose: email.purpose, email_id: id });
    return accepted;
  } catch (error) {
    log.warn("console_email_not_sent", { request_id: requestId, purpose: email.purpose, email_id: id, error_name: (error as Error).name });
    return false;
  }
}
