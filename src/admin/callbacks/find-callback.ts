/** A service's callback of one type; not set is a 404 (another service's callback is never reachable by type). */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { serviceCallbacks } from "../../db/schema";
import { Errors } from "../../errors";
import type { CallbackRow, CallbackType } from "./set-callback";

export async function findCallback(db: Db, serviceId: string, callbackType: CallbackType): Promise<CallbackRow> {
  const row = await db
    .select()
    .from(serviceCallbacks)
    .where(and(eq(serviceCallbacks.serviceId, serviceId), eq(serviceCallbacks.callbackType, callbackType)))
    .get();
  if (!row) throw Errors.notFound("This service has no callback of this type");
  return row;
}
