/**
 * Issuing an API key, as GOV.UK Notify does: the secret is a uuid4, the key the client is given is
 * `<key name>-<service id>-<secret>` (clients read the service id and secret by position from the
 * end, so the name part is free-form). Only the AES-GCM ciphertext of the secret is stored; the
 * full key is returned once and cannot be read back.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/database";
import { apiKeys } from "../../db/schema";
import { Errors } from "../../errors";
import type { SecretBox } from "../../lib/crypto";
import { auditInsert, type ChangeMeta } from "../audit";
import { runUniqueBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { type ApiKeyObject, type ApiKeyRow, apiKeyObject, type KeyType } from "./api-key-object";

export interface NewApiKey {
  name: string;
  key_type: KeyType;
}

/** The creation response: the listing fields plus the full key, shown this once. */
export interface CreatedApiKey extends ApiKeyObject {
  key: string;
}

export async function createApiKey(
  db: Db,
  secrets: SecretBox,
  service: Pick<ServiceRow, "id" | "organisationId">,
  input: NewApiKey,
  meta: ChangeMeta,
): Promise<CreatedApiKey> {
  const duplicate = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.serviceId, service.id), eq(apiKeys.name, input.name), isNull(apiKeys.revokedAt)))
    .get();
  if (duplicate) throw duplicateName(input.name);

  const secret = crypto.randomUUID();
  const row: ApiKeyRow = {
    id: crypto.randomUUID(),
    serviceId: service.id,
    name: input.name,
    keyType: input.key_type,
    secretEncrypted: await secrets.encrypt(secret),
    createdAt: meta.at,
    revokedAt: null,
    lastUsedAt: null,
  };
  await runUniqueBatch(
    db,
    [
      db.insert(apiKeys).values(row),
      auditInsert(db, meta, {
        action: "api_key.create",
        organisationId: service.organisationId,
        serviceId: service.id,
        targetType: "api_key",
        targetId: row.id,
        details: { name: row.name, key_type: row.keyType },
      }),
    ],
    () => duplicateName(input.name),
  );
  return { ...apiKeyObject(row), key: `${keyNamePrefix(input.name)}-${service.id}-${secret}` };
}

/**
 * Notify's make_string_safe(name, whitespace="_"): accents stripped, lower-case, whitespace → "_",
 * only [a-z0-9_.] kept. "Productie Sleutel" → "productie_sleutel".
 */
export function keyNamePrefix(name: string): string {
  const safe = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, "_")
    .replace(/[^a-z0-9_.]/g, "");
  return safe || "key";
}

function duplicateName(name: string) {
  return Errors.badRequest(`An API key named '${name}' already exists for this service`);
}
