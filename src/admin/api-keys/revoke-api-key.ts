/**
 * Revoking an API key (Notify's expiry_date): it never authenticates again. Revoking a revoked key is
 * a 400 that changes nothing, so a second revocation neither moves revoked_at nor adds an audit row,
 * and a rotation script that revokes the wrong (already revoked) key hears about it.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { apiKeys } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsertIf, type ChangeMeta } from "../audit";
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
  // The audit row first, on the same condition as the revocation: of two simultaneous revocations
  // only the first writes either, and the second hears it was already revoked.
  const stillActive = sql`EXISTS (SELECT 1 FROM api_keys WHERE id = ${key.id} AND revoked_at IS NULL)`;
  const [, revoked] = await db.batch([
    auditInsertIf(
      db,
      meta,
      {
        action: "api_key.revoke",
        organisationId: service.organisationId,
        serviceId: service.id,
        targetType: "api_key",
        targetId: key.id,
        details: { name: key.name, key_type: key.keyType },
      },
      stillActive,
    ),
    db
      .update(apiKeys)
      .set({ revokedAt: meta.at })
      .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id }),
  ]);
  if (revoked.length === 0) throw Errors.badRequest("API key is already revoked");
}
