/** The service's API key by id; 404 when unknown, malformed or another service's, never telling which. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { apiKeys } from "../../db/schema";
import { Errors } from "../../errors";
import { isUuid } from "../../lib/ids";
import type { ApiKeyRow } from "./api-key-object";

export async function findApiKey(db: Db, serviceId: string, keyId: string): Promise<ApiKeyRow> {
  const row = isUuid(keyId)
    ? await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.id, keyId.toLowerCase()), eq(apiKeys.serviceId, serviceId)))
        .get()
    : undefined;
  if (!row) throw Errors.notFound("API key not found");
  return row;
}
