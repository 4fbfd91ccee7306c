/**
 * Deleting a reply-to address. The default is refused while the service has other addresses (make
 * another the default first), as Notify does; the only address may go, since an email without a
 * reply-to address is valid (replies then go to the From address). Afterwards a message naming the
 * deleted `email_reply_to_id` gets the public API's "does not exist" error.
 */
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/database";
import { emailReplyTo } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { findEmailReplyTo } from "./find-email-reply-to";

export async function removeEmailReplyTo(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  replyToId: string,
  meta: ChangeMeta,
): Promise<void> {
  const replyTo = await findEmailReplyTo(db, service.id, replyToId);
  if (replyTo.isDefault) {
    const other = await db
      .select({ id: emailReplyTo.id })
      .from(emailReplyTo)
      .where(and(eq(emailReplyTo.serviceId, service.id), ne(emailReplyTo.id, replyTo.id)))
      .get();
    if (other) throw Errors.badRequest("Cannot delete the default email reply-to address; make another the default first");
  }
  await runBatch(db, [
    db.delete(emailReplyTo).where(eq(emailReplyTo.id, replyTo.id)),
    auditInsert(db, meta, {
      action: "email_reply_to.delete",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "email_reply_to",
      targetId: replyTo.id,
      details: { was_default: replyTo.isDefault },
    }),
  ]);
}
