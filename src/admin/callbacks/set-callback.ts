/**
 * Setting (creating or replacing) a service's delivery-status or inbound-SMS callback. The URL must
 * pass lib/callback-url (https, no private hosts, unless the deployment allows them); the bearer
 * token is stored only as AES-GCM ciphertext and never returned.
 */
import { and, eq } from "drizzle-orm";
import * as v from "valibot";
import type { Db } from "../../db/database";
import { serviceCallbacks } from "../../db/schema";
import { Errors } from "../../errors";
import { checkCallbackUrl } from "../../lib/callback-url";
import type { SecretBox } from "../../lib/crypto";
import { formatTimestamp } from "../../lib/time";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { id, timestamp } from "../shared/object-fields";

export type CallbackRow = typeof serviceCallbacks.$inferSelect;
export type CallbackType = CallbackRow["callbackType"];

/** Path segment → stored callback type. */
export const CALLBACK_PATHS: Readonly<Record<string, CallbackType>> = {
  "delivery-status": "delivery_status",
  "inbound-sms": "inbound_sms",
};

/** The stored type for a `{callback_type}` path segment; anything else is a 404. */
export function callbackTypeOf(segment: string): CallbackType {
  const type = CALLBACK_PATHS[segment];
  if (!type) throw Errors.notFound("Unknown callback type: use delivery-status or inbound-sms");
  return type;
}

export interface CallbackSettings {
  url: string;
  bearer_token: string;
}

export const CallbackObject = v.object({
  id,
  service_id: id,
  callback_type: v.picklist(["delivery_status", "inbound_sms"]),
  url: v.string(),
  updated_at: timestamp,
});
export type CallbackObject = v.InferOutput<typeof CallbackObject>;

/** The answer for a stored callback: never its token. */
export function callbackObject(row: Pick<CallbackRow, "id" | "serviceId" | "callbackType" | "url" | "updatedAt">): CallbackObject {
  return {
    id: row.id,
    service_id: row.serviceId,
    callback_type: row.callbackType,
    url: row.url,
    updated_at: formatTimestamp(row.updatedAt),
  };
}

export async function setCallback(
  db: Db,
  secrets: SecretBox,
  options: { allowPrivateUrls: boolean },
  service: Pick<ServiceRow, "id" | "organisationId">,
  callbackType: CallbackType,
  input: CallbackSettings,
  meta: ChangeMeta,
): Promise<CallbackObject> {
  const check = checkCallbackUrl(input.url, { allowPrivate: options.allowPrivateUrls });
  if (!check.ok) throw Errors.validation([`url ${check.reason}`]);
  const existing = await db
    .select({ id: serviceCallbacks.id })
    .from(serviceCallbacks)
    .where(and(eq(serviceCallbacks.serviceId, service.id), eq(serviceCallbacks.callbackType, callbackType)))
    .get();
  const id = existing?.id ?? crypto.randomUUID();
  const values = { url: check.url.href, bearerTokenEncrypted: await secrets.encrypt(input.bearer_token), updatedAt: meta.at };
  await runBatch(db, [
    db
      .insert(serviceCallbacks)
      .values({ id, serviceId: service.id, callbackType, ...values })
      .onConflictDoUpdate({ target: [serviceCallbacks.serviceId, serviceCallbacks.callbackType], set: values }),
    auditInsert(db, meta, {
      action: "callback.set",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "service_callback",
      targetId: id,
      details: { callback_type: callbackType, url: check.url.href, replaced: existing !== undefined },
    }),
  ]);
  return callbackObject({ id, serviceId: service.id, callbackType, url: check.url.href, updatedAt: meta.at });
}
