/**
 * An administrator takes a recipient off the suppression list (e.g. they asked to be messaged
 * again without texting START). Sends to them are allowed again.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { suppressions } from "../../db/schema";
import { Errors } from "../../errors";
import { isUuid } from "../../lib/ids";
import { auditInsertIf, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";

export async function removeSuppression(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  suppressionId: string,
  meta: ChangeMeta,
): Promise<void> {
  const row = isUuid(suppressionId)
    ? await db
        .select({ id: suppressions.id, channel: suppressions.channel, source: suppressions.source })
        .from(suppressions)
        .where(and(eq(suppressions.id, suppressionId.toLowerCase()), eq(suppressions.serviceId, service.id)))
        .get()
    : undefined;
  if (!row) throw Errors.notFound("Suppression not found");
  // The audit row first, only while the row exists: an inbound START that removed it meanwhile
  // has written its own, and this request then finds nothing to delete.
  await runBatch(db, [
    auditInsertIf(
      db,
      meta,
      {
        action: "suppression.delete",
        organisationId: service.organisationId,
        serviceId: service.id,
        targetType: "suppression",
        targetId: row.id,
        details: { channel: row.channel, source: row.source },
      },
      sql`EXISTS (SELECT 1 FROM suppressions WHERE id = ${row.id})`,
    ),
    db.delete(suppressions).where(eq(suppressions.id, row.id)),
  ]);
}
