/**
 * One SMS sender of a service. An id that is not a UUID, does not exist, or belongs to another
 * service is the same 404, so a service's routes never confirm another service's sender ids.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { smsSenders } from "../../db/schema";
import { Errors } from "../../errors";
import { isUuid } from "../../lib/ids";
import type { SmsSenderRow } from "./create-sms-sender";

export async function findSmsSender(db: Db, serviceId: string, senderId: string): Promise<SmsSenderRow> {
  const row = isUuid(senderId)
    ? await db
        .select()
        .from(smsSenders)
        .where(and(eq(smsSenders.id, senderId.toLowerCase()), eq(smsSenders.serviceId, serviceId)))
        .get()
    : undefined;
  if (!row) throw Errors.notFound("SMS sender not found");
  return row;
}
