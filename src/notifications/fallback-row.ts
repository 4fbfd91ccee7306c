/**
 * The row of a fallback notification (extension, Wmebv): the original's service, key and
 * reference, the other channel, rendered now from the fallback template with the original's stored
 * personalisation (which kept the values of both templates, fallback-request.ts), through the same
 * checks as an API send. Its id is derived from the original's, so making it twice makes one row.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/database";
import type { NotificationInsert } from "../db/insert-notifications";
import { type notifications, services } from "../db/schema";
import { Errors } from "../errors";
import { prepareNotification } from "./create-notification";
import { otherChannel } from "./fallback-request";
import { refuseOptedOut } from "./opt-outs";
import { loadSendContext } from "./send-context";

type NotificationRow = typeof notifications.$inferSelect;

/** A UUID (version 8 layout, RFC 9562) from SHA-256 of the original's id: the same every time. */
export async function fallbackIdFor(originalId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`fallback:${originalId}`)));
  const bytes = digest.slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The fallback row of `original` (which must have fallback_to and fallback_template_id). */
export async function prepareFallbackRow(db: Db, original: NotificationRow, id: string, now: number): Promise<NotificationInsert> {
  const service = await db.select().from(services).where(eq(services.id, original.serviceId)).get();
  if (!service) throw Errors.badRequest("Service not found");
  const context = await loadSendContext(db, {
    service,
    keyType: original.keyType,
    channel: otherChannel(original.notificationType),
    templateId: original.fallbackTemplateId ?? "",
  });
  const prepared = prepareNotification(
    context,
    {
      recipient: original.fallbackTo ?? "",
      personalisation: original.personalisation ?? {},
      reference: original.reference,
      apiKeyId: original.apiKeyId ?? "",
      scheduledFor: null,
    },
    now,
  );
  if (!prepared.row) throw Errors.badRequest("The fallback recipient is a smoke-test address; nothing to send");
  // The recipient may have opted out (STOP) since the original was accepted.
  await refuseOptedOut(db, context, prepared.created.message);
  return { ...prepared.row, id, apiKeyId: original.apiKeyId, fallbackOf: original.id, statusSource: "fallback" };
}
