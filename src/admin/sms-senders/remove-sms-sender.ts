/**
 * Deleting an SMS sender. Two are refused (Notify refuses both too): the default, which messages
 * without `sms_sender_id` use (make another the default first), and an inbound number, since
 * replies to it are routed to this service. Afterwards a message naming the deleted sender's
 * `sms_sender_id` gets the public API's "does not exist" error; sent messages keep their sender text.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { smsSenders } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { findSmsSender } from "./find-sms-sender";

export async function removeSmsSender(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  senderId: string,
  meta: ChangeMeta,
): Promise<void> {
  const sender = await findSmsSender(db, service.id, senderId);
  if (sender.isDefault) throw Errors.badRequest("Cannot delete the default SMS sender; make another the default first");
  if (sender.inboundNumber) throw Errors.badRequest("Cannot delete an inbound number: replies to it are routed to this service");
  await runBatch(db, [
    // The flags again in the WHERE: a request that made this sender the default meanwhile keeps it.
    db.delete(smsSenders).where(and(eq(smsSenders.id, sender.id), sql`${smsSenders.isDefault} = 0`, sql`${smsSenders.inboundNumber} = 0`)),
    auditInsert(db, meta, {
      action: "sms_sender.delete",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "sms_sender",
      targetId: sender.id,
      details: {},
    }),
  ]);
}
