/** The SMS adapter contract: the dispatch consumer hands a batch over and gets one outcome per message. */
import type { SendResult } from "../outcome";

/** One SMS, ready for a provider. */
export interface SmsMessage {
  notificationId: string;
  /** E.164, e.g. "+31612345678". */
  to: string;
  /** Sender id: up to 11 alphanumerics or 16 digits. */
  from: string;
  body: string;
  /** Fragments as counted when the notification was created (0 when unknown). */
  billableUnits: number;
  /** The recipient as the simulator's magic-number rules see it (normalised). */
  normalisedTo: string;
}

/** An SMS adapter (CM.com or the simulator). */
export interface SmsProvider {
  /** Stored in notifications.provider. */
  readonly name: string;
  /** Sends many messages, in as few provider requests as possible. */
  sendBatch(messages: readonly SmsMessage[]): Promise<SendResult>;
}
