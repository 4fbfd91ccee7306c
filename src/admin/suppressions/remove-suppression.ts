/**
 * An administrator takes a recipient off the suppression list (e.g. they asked to be messaged
 * again without texting START). Sends to them are allowed again.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { suppressions } from "../../db/schema";
import { auditInsertIf, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import { findServiceRow, type ServiceRow } from "../shared/lookup";

export async function removeSuppression(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  suppressionId: string,
  meta: ChangeMeta,
): Promise<void> {
  const row = await findServiceRow(db, suppressions, service.id, suppressionId, "Suppression not found");
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
