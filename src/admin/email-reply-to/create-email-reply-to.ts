/**
 * Adding a reply-to address to a service. The first address becomes the default; `is_default: true`
 * moves the default to the new address. The same address twice (ignoring case) is refused.
 */
import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import * as v from "valibot";
import type { Db } from "../../db/database";
import { emailReplyTo } from "../../db/schema";
import { Errors } from "../../errors";
import { formatTimestamp } from "../../lib/time";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { id, timestamp } from "../shared/object-fields";

export type EmailReplyToRow = typeof emailReplyTo.$inferSelect;

export interface NewEmailReplyTo {
  email_address: string;
  is_default?: boolean | undefined;
}

export const EmailReplyToObject = v.object({
  id: v.pipe(id, v.description("The email_reply_to_id of the public API")),
  service_id: id,
  email_address: v.string(),
  is_default: v.boolean(),
  created_at: timestamp,
});
export type EmailReplyToObject = v.InferOutput<typeof EmailReplyToObject>;

export function emailReplyToObject(row: EmailReplyToRow): EmailReplyToObject {
  return {
    id: row.id,
    service_id: row.serviceId,
    email_address: row.emailAddress,
    is_default: row.isDefault,
    created_at: formatTimestamp(row.createdAt),
  };
}

export async function createEmailReplyTo(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  input: NewEmailReplyTo,
  meta: ChangeMeta,
): Promise<EmailReplyToObject> {
  const existing = await db.select().from(emailReplyTo).where(eq(emailReplyTo.serviceId, service.id));
  if (existing.some((r) => r.emailAddress.toLowerCase() === input.email_address.toLowerCase())) {
    throw Errors.badRequest(`This service already uses '${input.email_address}' as an email reply-to address`);
  }
  const row: EmailReplyToRow = {
    id: crypto.randomUUID(),
    serviceId: service.id,
    emailAddress: input.email_address,
    isDefault: input.is_default === true || existing.length === 0,
    createdAt: meta.at,
  };
  const writes: BatchItem<"sqlite">[] = [];
  if (row.isDefault) {
    writes.push(
      db
        .update(emailReplyTo)
        .set({ isDefault: false })
        .where(and(eq(emailReplyTo.serviceId, service.id), sql`${emailReplyTo.isDefault} = 1`)),
    );
  }
  writes.push(
    db.insert(emailReplyTo).values(row),
    auditInsert(db, meta, {
      action: "email_reply_to.create",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "email_reply_to",
      targetId: row.id,
      details: { is_default: row.isDefault },
    }),
  );
  await runBatch(db, writes);
  return emailReplyToObject(row);
}
