/**
 * The suppression-list change of an inbound STOP or START, as statements for the D1 batch that
 * stores the received text: the text, the change and its audit row are stored together or not at
 * all. Every statement is guarded by "the received text was inserted by this batch", so a CM retry
 * of an old STOP (same reference, already stored) cannot undo a START sent after it.
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { auditInsertIf, SYSTEM_ACTORS } from "../admin/audit";
import type { Db } from "../db/database";
import { receivedTexts, suppressions } from "../db/schema";
import type { OptOutKeyword } from "./opt-out-keywords";

/** The audit actor of opt-outs sent by recipients themselves. */
export const INBOUND_ACTOR = SYSTEM_ACTORS.inboundSms;

export interface InboundOptOut {
  serviceId: string;
  organisationId: string;
  /** E.164, as notifications.normalised_to, so sends to the number match. */
  recipient: string;
  /** The id the batch inserts the received text with. */
  receivedTextId: string;
  at: number;
}

/** The statements that apply `keyword` (none for a START from a number that is not suppressed). */
export async function optOutStatements(db: Db, keyword: OptOutKeyword, change: InboundOptOut): Promise<BatchItem<"sqlite">[]> {
  const meta = { actor: INBOUND_ACTOR, requestId: null, at: change.at };
  const textStored = sql`EXISTS (SELECT 1 FROM ${receivedTexts} WHERE ${receivedTexts.id} = ${change.receivedTextId})`;
  const audit = (action: "suppression.create" | "suppression.delete", targetId: string, condition: SQL) =>
    auditInsertIf(
      db,
      meta,
      {
        action,
        organisationId: change.organisationId,
        serviceId: change.serviceId,
        targetType: "suppression",
        targetId,
        // No phone number: the id finds the row (while it exists), the audit log holds no personal data.
        details: { channel: "sms", source: "inbound" },
      },
      condition,
    );
  const sameRecipient = and(
    eq(suppressions.serviceId, change.serviceId),
    eq(suppressions.channel, "sms"),
    eq(suppressions.recipient, change.recipient),
  );

  if (keyword === "stop") {
    const id = crypto.randomUUID();
    const absent = sql`NOT EXISTS (SELECT 1 FROM ${suppressions} WHERE ${sameRecipient})`;
    return [
      // Before the insert, under the same condition: audited exactly when the row is added (STOP is idempotent).
      audit("suppression.create", id, sql`${textStored} AND ${absent}`),
      db
        .insert(suppressions)
        .select(sql`SELECT ${id}, ${change.serviceId}, 'sms', ${change.recipient}, 'inbound', ${change.at} WHERE ${textStored}`)
        .onConflictDoNothing(),
    ];
  }
  const existing = await db.select({ id: suppressions.id }).from(suppressions).where(sameRecipient).get();
  if (!existing) return [];
  const present = sql`EXISTS (SELECT 1 FROM ${suppressions} WHERE ${suppressions.id} = ${existing.id})`;
  return [
    audit("suppression.delete", existing.id, sql`${textStored} AND ${present}`),
    db.delete(suppressions).where(and(eq(suppressions.id, existing.id), textStored)),
  ];
}
