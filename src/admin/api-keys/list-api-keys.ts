/** GET /admin/services/{service_id}/api-keys → 200 {api_keys: [...]} (revoked ones too; no secrets). */
import { asc, eq } from "drizzle-orm";
import { apiKeys } from "../../db/schema";
import { type AppRequest, json } from "../../http/app-request";
import { findService } from "../shared/lookup";
import { organisationScope, pathParam } from "../shared/request";
import { apiKeyObject } from "./api-key-object";

export async function listApiKeys(request: AppRequest): Promise<Response> {
  const { db } = request.services;
  const service = await findService(db, pathParam(request, "service_id"), organisationScope(request));
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.serviceId, service.id)).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
  return json({ api_keys: rows.map(apiKeyObject) });
}
