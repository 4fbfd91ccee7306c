/** Revoking an API key (Notify's expiry_date): it never authenticates again. Revoking twice is a no-op. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { apiKeys } from "../../db/schema";
import { Errors } from "../../errors";
import { isUuid } from "../../lib/ids";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";

export async function revokeApiKey(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  keyId: string,
  meta: ChangeMeta,
): Promise<void> {
  const key = isUuid(keyId)
    ? await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.id, keyId.toLowerCase()), eq(apiKeys.serviceId, service.id)))
        .get()
    : undefined;
  if (!key) throw Errors.notFound("API key not found");
  if (key.revokedAt !== null) return;
  await runBatch(db, [
    db.update(apiKeys).set({ revokedAt: meta.at }).where(eq(apiKeys.id, key.id)),
    auditInsert(db, meta, {
      action: "api_key.revoke",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "api_key",
      targetId: key.id,
      details: { name: key.name, key_type: key.keyType },
    }),
  ]);
}
