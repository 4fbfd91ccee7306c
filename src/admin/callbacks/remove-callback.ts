/**
 * Removing a service's callback. Nothing caches the callback settings: the outbox and the enqueuer
 * look for the row before queueing, and the consumer reads it again before posting (and drops the
 * message when it is gone), so no callback of this type is sent once the delete has committed.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { serviceCallbacks } from "../../db/schema";
import { auditInsertIf, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { findCallback } from "./find-callback";
import type { CallbackType } from "./set-callback";

export async function removeCallback(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  callbackType: CallbackType,
  meta: ChangeMeta,
): Promise<void> {
  const callback = await findCallback(db, service.id, callbackType);
  // The audit row first, only while the callback exists, so two simultaneous deletes write one.
  await runBatch(db, [
    auditInsertIf(
      db,
      meta,
      {
        action: "callback.delete",
        organisationId: service.organisationId,
        serviceId: service.id,
        targetType: "service_callback",
        targetId: callback.id,
        details: { callback_type: callbackType },
      },
      sql`EXISTS (SELECT 1 FROM service_callbacks WHERE id = ${callback.id})`,
    ),
    db.delete(serviceCallbacks).where(eq(serviceCallbacks.id, callback.id)),
  ]);
}
