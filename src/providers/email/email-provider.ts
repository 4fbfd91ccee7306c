/** The email adapter contract: one message per call (SMTP has no batch send). */
import type { SendResult } from "../outcome";

/** One rendered email, ready for a provider. */
export interface EmailMessage {
  notificationId: string;
  to: string;
  /** The recipient as the simulator's magic-address rules see it (lower-cased). */
  normalisedTo: string;
  /** The service's From address. */
  from: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  oneClickUnsubscribeUrl: string | null;
}

/** An email adapter (SMTP or the simulator). */
export interface EmailProvider {
  readonly name: string;
  send(message: EmailMessage): Promise<SendResult>;
}
