/**
 * Changing a reply-to address or making it the default, with the SMS senders' rules (Notify's):
 * `is_default: true` moves the default here (the others lose it in the same batch, as on create);
 * `is_default: false` on the default is refused, since the way to move it is to make another address
 * the default. The same address twice in a service (ignoring case) is refused, as on create. A
 * request that changes nothing answers the address as it is, with no write and no audit row.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/database";
import { emailReplyTo } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { type EmailReplyToObject, type EmailReplyToRow, emailReplyToObject } from "./create-email-reply-to";
import { findEmailReplyTo } from "./find-email-reply-to";

export interface EmailReplyToChanges {
  email_address?: string | undefined;
  is_default?: boolean | undefined;
}

export async function updateEmailReplyTo(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  replyToId: string,
  changes: EmailReplyToChanges,
  meta: ChangeMeta,
): Promise<EmailReplyToObject> {
  const current = await findEmailReplyTo(db, service.id, replyToId);
  const next: EmailReplyToRow = {
    ...current,
    emailAddress: changes.email_address ?? current.emailAddress,
    isDefault: changes.is_default ?? current.isDefault,
  };
  const addressChanged = next.emailAddress !== current.emailAddress;
  const becameDefault = next.isDefault && !current.isDefault;
  if (!addressChanged && next.isDefault === current.isDefault) return emailReplyToObject(current);
  if (current.isDefault && !next.isDefault) {
    throw Errors.badRequest("A service must have a default email reply-to address: make another address the default instead");
  }
  if (addressChanged) {
    const others = await db
      .select({ emailAddress: emailReplyTo.emailAddress })
      .from(emailReplyTo)
      .where(and(eq(emailReplyTo.serviceId, service.id), ne(emailReplyTo.id, current.id)));
    if (others.some((r) => r.emailAddress.toLowerCase() === next.emailAddress.toLowerCase())) {
      throw Errors.badRequest(`This service already uses '${next.emailAddress}' as an email reply-to address`);
    }
  }

  const writes: BatchItem<"sqlite">[] = [];
  if (becameDefault) {
    writes.push(
      db
        .update(emailReplyTo)
        .set({ isDefault: false })
        .where(and(eq(emailReplyTo.serviceId, service.id), sql`${emailReplyTo.isDefault} = 1`)),
    );
  }
  writes.push(
    db.update(emailReplyTo).set({ emailAddress: next.emailAddress, isDefault: next.isDefault }).where(eq(emailReplyTo.id, current.id)),
    auditInsert(db, meta, {
      action: "email_reply_to.update",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "email_reply_to",
      targetId: current.id,
      // That the address changed, never the address itself (as on create).
      details: { ...(addressChanged ? { email_address_changed: true } : {}), ...(becameDefault ? { is_default: true } : {}) },
    }),
  );
  await runBatch(db, writes);
  return emailReplyToObject(next);
}
