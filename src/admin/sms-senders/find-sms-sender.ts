/**
 * One SMS sender of a service. An id that is not a UUID, does not exist, or belongs to another
 * service is the same 404, so a service's routes never confirm another service's sender ids.
 */
import type { Db } from "../../db/database";
import { smsSenders } from "../../db/schema";
import { findServiceRow } from "../shared/lookup";
import type { SmsSenderRow } from "./create-sms-sender";

export function findSmsSender(db: Db, serviceId: string, senderId: string): Promise<SmsSenderRow> {
  return findServiceRow(db, smsSenders, serviceId, senderId, "SMS sender not found");
}
