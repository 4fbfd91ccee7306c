/**
 * An administrator puts a recipient on a service's suppression list (someone asked by phone or
 * letter not to be messaged): sends to them are refused from then on (notifications/opt-outs.ts).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { suppressions } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsert, type ChangeMeta } from "../audit";
import { runUniqueBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { type SuppressionObject, type SuppressionRow, suppressionObject } from "./suppression-object";

export interface NewSuppression {
  channel: SuppressionRow["channel"];
  /** E.164 for sms, lower-case for email: as notifications.normalised_to. */
  recipient: string;
}

const duplicate = () => Errors.badRequest("This recipient is already on the service's suppression list");

export async function createSuppression(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  input: NewSuppression,
  meta: ChangeMeta,
): Promise<SuppressionObject> {
  const existing = await db
    .select({ id: suppressions.id })
    .from(suppressions)
    .where(
      and(eq(suppressions.serviceId, service.id), eq(suppressions.channel, input.channel), eq(suppressions.recipient, input.recipient)),
    )
    .get();
  if (existing) throw duplicate();
  const row: SuppressionRow = {
    id: crypto.randomUUID(),
    serviceId: service.id,
    channel: input.channel,
    recipient: input.recipient,
    source: "admin",
    createdAt: meta.at,
  };
  await runUniqueBatch(
    db,
    [
      db.insert(suppressions).values(row),
      auditInsert(db, meta, {
        action: "suppression.create",
        organisationId: service.organisationId,
        serviceId: service.id,
        targetType: "suppression",
        targetId: row.id,
        // The recipient stays out of the audit log (personal data); the id finds the row.
        details: { channel: row.channel, source: row.source },
      }),
    ],
    duplicate,
  );
  return suppressionObject(row);
}
