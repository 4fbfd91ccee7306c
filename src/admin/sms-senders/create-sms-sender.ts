/**
 * Adding an SMS sender to a service. The first sender becomes the default; `is_default: true` moves
 * the default to the new sender. The default's text is copied to services.sms_sender, so the service
 * object always shows the sender that messages without `sms_sender_id` use. An inbound number (a
 * phone number CM.com routes replies for) may belong to one service only.
 */
import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import * as v from "valibot";
import type { Db } from "../../db/database";
import { services, smsSenders } from "../../db/schema";
import { Errors } from "../../errors";
import { formatTimestamp } from "../../lib/time";
import { auditInsert, type ChangeMeta } from "../audit";
import { runUniqueBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { id, timestamp } from "../shared/object-fields";

export type SmsSenderRow = typeof smsSenders.$inferSelect;

export interface NewSmsSender {
  /** Already validated and normalised (see shared/sms-sender.ts). */
  sms_sender: string;
  is_default?: boolean | undefined;
  inbound_number?: boolean | undefined;
}

export const SmsSenderObject = v.object({
  id: v.pipe(id, v.description("The sms_sender_id of the public API")),
  service_id: id,
  sms_sender: v.string(),
  is_default: v.boolean(),
  inbound_number: v.boolean(),
  created_at: timestamp,
});
export type SmsSenderObject = v.InferOutput<typeof SmsSenderObject>;

export function smsSenderObject(row: SmsSenderRow): SmsSenderObject {
  return {
    id: row.id,
    service_id: row.serviceId,
    sms_sender: row.smsSender,
    is_default: row.isDefault,
    inbound_number: row.inboundNumber,
    created_at: formatTimestamp(row.createdAt),
  };
}

export async function createSmsSender(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  input: NewSmsSender,
  meta: ChangeMeta,
): Promise<SmsSenderObject> {
  const inbound = input.inbound_number ?? false;
  if (inbound && !/^\d+$/.test(input.sms_sender)) {
    throw Errors.validation(["sms_sender must be a phone number for an inbound number"]);
  }
  const existing = await db.select().from(smsSenders).where(eq(smsSenders.serviceId, service.id));
  if (existing.some((s) => s.smsSender.toLowerCase() === input.sms_sender.toLowerCase())) {
    throw Errors.badRequest(`This service already has the SMS sender '${input.sms_sender}'`);
  }
  if (inbound) {
    const taken = await db
      .select({ id: smsSenders.id })
      .from(smsSenders)
      .where(and(eq(smsSenders.inboundNumber, true), eq(smsSenders.smsSender, input.sms_sender)))
      .get();
    if (taken) throw inboundNumberTaken(input.sms_sender);
  }

  const row: SmsSenderRow = {
    id: crypto.randomUUID(),
    serviceId: service.id,
    smsSender: input.sms_sender,
    isDefault: input.is_default === true || existing.length === 0,
    inboundNumber: inbound,
    createdAt: meta.at,
  };
  const writes: BatchItem<"sqlite">[] = [];
  if (row.isDefault) {
    writes.push(
      db
        .update(smsSenders)
        .set({ isDefault: false })
        .where(and(eq(smsSenders.serviceId, service.id), sql`${smsSenders.isDefault} = 1`)),
      db.update(services).set({ smsSender: row.smsSender, updatedAt: meta.at }).where(eq(services.id, service.id)),
    );
  }
  writes.push(
    db.insert(smsSenders).values(row),
    auditInsert(db, meta, {
      action: "sms_sender.create",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "sms_sender",
      targetId: row.id,
      details: { sms_sender: row.smsSender, is_default: row.isDefault, inbound_number: row.inboundNumber },
    }),
  );
  // The unique index on inbound numbers settles two requests that passed the check above together.
  await runUniqueBatch(db, writes, () => inboundNumberTaken(input.sms_sender));
  return smsSenderObject(row);
}

function inboundNumberTaken(number: string) {
  return Errors.badRequest(`The inbound number '${number}' is already in use by a service`);
}
