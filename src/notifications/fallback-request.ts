/**
 * The `fallback` of a POST /v2/notifications request (an extension for Wmebv: a message that fails
 * for good is sent through the other channel). Checked in full when the request arrives, so a
 * fallback that could never be sent is a 400 and nothing is stored: the template exists, belongs to
 * the service, is of the other channel and not archived, the service may send that channel, the
 * address or number is valid (and allowed for a team key or trial service), and the personalisation
 * covers the fallback template. The fallback itself is made later by the send-fallbacks cron.
 */
import type { Db } from "../db/database";
import type { NotificationInsert } from "../db/insert-notifications";
import { Errors, NotifyError } from "../errors";
import type { Channel, KeyType } from "../gate/types";
import { refuseOptedOut } from "./opt-outs";
import { prepareMessage } from "./prepare-message";
import { loadSendContext, type SendingService } from "./send-context";

/** What the request asked for: the other channel's recipient and template. */
export interface FallbackRequest {
  recipient: string;
  templateId: string;
}

/** The columns of the original's row that carry its fallback. */
export type FallbackColumns = Pick<NotificationInsert, "fallbackTo" | "fallbackTemplateId" | "personalisation">;

/** The other channel: an SMS falls back to email and an email to SMS. */
export const otherChannel = (channel: Channel): Channel => (channel === "sms" ? "email" : "sms");

/**
 * Checks the fallback as if it were sent now; returns the columns to store with the original. The
 * stored personalisation keeps the values both templates use (the original keeps only its own).
 */
export async function checkFallback(
  db: Db,
  input: {
    service: SendingService;
    keyType: KeyType;
    channel: Channel;
    personalisation: Record<string, unknown>;
    stored: Record<string, unknown>;
  },
  fallback: FallbackRequest,
): Promise<FallbackColumns> {
  try {
    const context = await loadSendContext(db, {
      service: input.service,
      keyType: input.keyType,
      channel: otherChannel(input.channel),
      templateId: fallback.templateId,
    });
    const message = prepareMessage(context, { recipient: fallback.recipient, personalisation: input.personalisation });
    // A fallback to someone who opted out (STOP) is refused like a send to them.
    await refuseOptedOut(db, context, message);
    return {
      fallbackTo: fallback.recipient,
      fallbackTemplateId: fallback.templateId,
      personalisation: { ...input.stored, ...message.personalisation },
    };
  } catch (error) {
    throw error instanceof NotifyError ? Errors.inFallback(error) : error;
  }
}
