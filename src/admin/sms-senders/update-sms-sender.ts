/**
 * Changing an SMS sender's text or making it the default. The rules are Notify's:
 *  - `is_default: true` moves the default here (the others lose it in the same batch, as on create)
 *    and copies the text to services.sms_sender, which messages without `sms_sender_id` fall back to.
 *  - `is_default: false` on the default is refused: a service always has one default, so the way to
 *    move it is to make another sender the default.
 *  - An inbound number's number cannot change: CM.com routes replies to it, so a new number is a new
 *    sender.
 * A request that changes nothing answers the sender as it is, with no write and no audit row.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/database";
import { services, smsSenders } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { type SmsSenderObject, type SmsSenderRow, smsSenderObject } from "./create-sms-sender";
import { findSmsSender } from "./find-sms-sender";

export interface SmsSenderChanges {
  /** Already validated and normalised (see shared/sms-sender.ts). */
  sms_sender?: string | undefined;
  is_default?: boolean | undefined;
}

export async function updateSmsSender(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  senderId: string,
  changes: SmsSenderChanges,
  meta: ChangeMeta,
): Promise<SmsSenderObject> {
  const current = await findSmsSender(db, service.id, senderId);
  const next: SmsSenderRow = {
    ...current,
    smsSender: changes.sms_sender ?? current.smsSender,
    isDefault: changes.is_default ?? current.isDefault,
  };
  const textChanged = next.smsSender !== current.smsSender;
  const becameDefault = next.isDefault && !current.isDefault;
  if (!textChanged && next.isDefault === current.isDefault) return smsSenderObject(current);
  if (current.isDefault && !next.isDefault) {
    throw Errors.badRequest("A service must have a default SMS sender: make another sender the default instead");
  }
  if (textChanged) await checkNewText(db, current, next.smsSender);

  const writes: BatchItem<"sqlite">[] = [];
  if (becameDefault) {
    writes.push(
      db
        .update(smsSenders)
        .set({ isDefault: false })
        .where(and(eq(smsSenders.serviceId, service.id), sql`${smsSenders.isDefault} = 1`)),
    );
  }
  writes.push(db.update(smsSenders).set({ smsSender: next.smsSender, isDefault: next.isDefault }).where(eq(smsSenders.id, current.id)));
  if (next.isDefault) {
    writes.push(db.update(services).set({ smsSender: next.smsSender, updatedAt: meta.at }).where(eq(services.id, service.id)));
  }
  writes.push(
    auditInsert(db, meta, {
      action: "sms_sender.update",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "sms_sender",
      targetId: current.id,
      // Only what changed; a sender text is the organisation's name or number, not personal data.
      details: { ...(textChanged ? { sms_sender: next.smsSender } : {}), ...(becameDefault ? { is_default: true } : {}) },
    }),
  );
  await runBatch(db, writes);
  return smsSenderObject(next);
}

async function checkNewText(db: Db, current: SmsSenderRow, text: string): Promise<void> {
  if (current.inboundNumber) {
    throw Errors.badRequest("The number of an inbound number cannot be changed (replies are routed to it): add a new sender instead");
  }
  const others = await db
    .select({ smsSender: smsSenders.smsSender })
    .from(smsSenders)
    .where(and(eq(smsSenders.serviceId, current.serviceId), ne(smsSenders.id, current.id)));
  if (others.some((s) => s.smsSender.toLowerCase() === text.toLowerCase())) {
    throw Errors.badRequest(`This service already has the SMS sender '${text}'`);
  }
}
