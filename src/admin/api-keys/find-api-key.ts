/** The service's API key by id; 404 when unknown, malformed or another service's, never telling which. */
import type { Db } from "../../db/database";
import { apiKeys } from "../../db/schema";
import { findServiceRow } from "../shared/lookup";
import type { ApiKeyRow } from "./api-key-object";

export function findApiKey(db: Db, serviceId: string, keyId: string): Promise<ApiKeyRow> {
  return findServiceRow(db, apiKeys, serviceId, keyId, "API key not found");
}
