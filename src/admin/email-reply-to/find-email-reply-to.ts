/**
 * One reply-to address of a service. An id that is not a UUID, does not exist, or belongs to another
 * service is the same 404, so a service's routes never confirm another service's ids.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { emailReplyTo } from "../../db/schema";
import { Errors } from "../../errors";
import { isUuid } from "../../lib/ids";
import type { EmailReplyToRow } from "./create-email-reply-to";

export async function findEmailReplyTo(db: Db, serviceId: string, replyToId: string): Promise<EmailReplyToRow> {
  const row = isUuid(replyToId)
    ? await db
        .select()
        .from(emailReplyTo)
        .where(and(eq(emailReplyTo.id, replyToId.toLowerCase()), eq(emailReplyTo.serviceId, serviceId)))
        .get()
    : undefined;
  if (!row) throw Errors.notFound("Email reply-to address not found");
  return row;
}
