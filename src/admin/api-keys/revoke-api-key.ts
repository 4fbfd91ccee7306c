/**
 * Revoking an API key (Notify's expiry_date): it never authenticates again. Revoking a revoked key is
 * a 400 that changes nothing, so a second revocation neither moves revoked_at nor adds an audit row,
 * and a rotation script that revokes the wrong (already revoked) key hears about it.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/database";
import { apiKeys } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { findApiKey } from "./find-api-key";

export async function revokeApiKey(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  keyId: string,
  meta: ChangeMeta,
): Promise<void> {
  const key = await findApiKey(db, service.id, keyId);
  if (key.revokedAt !== null) throw Errors.badRequest("API key is already revoked");
  await runBatch(db, [
    // isNull: of two simultaneous revocations, the first one's time stands.
    db
      .update(apiKeys)
      .set({ revokedAt: meta.at })
      .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt))),
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
