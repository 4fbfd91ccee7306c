/**
 * One reply-to address of a service. An id that is not a UUID, does not exist, or belongs to another
 * service is the same 404, so a service's routes never confirm another service's ids.
 */
import type { Db } from "../../db/database";
import { emailReplyTo } from "../../db/schema";
import { findServiceRow } from "../shared/lookup";
import type { EmailReplyToRow } from "./create-email-reply-to";

export function findEmailReplyTo(db: Db, serviceId: string, replyToId: string): Promise<EmailReplyToRow> {
  return findServiceRow(db, emailReplyTo, serviceId, replyToId, "Email reply-to address not found");
}
