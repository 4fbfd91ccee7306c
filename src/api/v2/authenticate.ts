/**
 * Notify's API authentication (UK-API app/authentication/auth.py): `Authorization: Bearer <JWT>`,
 * HS256 only, `iss` = service id, `iat` within ±30 s, tried against every key of the service.
 * Every failure is an AuthError with Notify's exact message.
 */

import jwt from "@tsndr/cloudflare-worker-jwt";
import { Errors } from "../../errors";
import type { AppRequest } from "../../http/app-request";
import { isUuid } from "../../lib/ids";
import { cached, serviceCaches } from "../../notifications/service-cache";
import { recordApiKeyUse } from "./api-key-usage";
import { loadServiceCredentials, type ServiceCredentials, type ServiceKey, type ServiceRow } from "./service-credentials";

const CLOCK_SKEW_SECONDS = 30;
const GENERIC =
  "Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header";

export interface ApiCaller {
  service: ServiceRow;
  orgSendRate: number | null;
  apiKey: Pick<ServiceKey, "id" | "name" | "keyType">;
}

export interface AuthenticatedRequest extends AppRequest {
  caller: ApiCaller;
}

export async function authenticate(request: AppRequest): Promise<ApiCaller> {
  const header = request.headers.get("authorization");
  if (!header) throw Errors.auth(401, "Unauthorized: authentication token must be provided");
  if (header.slice(0, 7).toLowerCase() !== "bearer ") throw Errors.auth(401, "Unauthorized: authentication bearer scheme must be used");
  const token = header.slice(7).trim();
  // header.payload.signature and nothing else: the library would accept extra segments.
  if (token.split(".", 4).length !== 3) throw Errors.auth(403, GENERIC);

  let decoded: { header?: { alg?: string }; payload?: { iss?: unknown; iat?: unknown } };
  try {
    decoded = jwt.decode(token);
  } catch {
    throw Errors.auth(403, GENERIC);
  }
  if (!decoded.header || !decoded.payload) throw Errors.auth(403, GENERIC);
  if (decoded.header.alg !== "HS256") throw Errors.auth(403, "Invalid token: algorithm used is not HS256");
  const iss = decoded.payload.iss;
  if (iss === undefined || iss === null) throw Errors.auth(403, "Invalid token: iss field not provided");
  if (typeof iss !== "string" || !isUuid(iss)) throw Errors.auth(403, "Invalid token: service id is not the right data type");

  const serviceId = iss.toLowerCase();
  const credentials = await cached<ServiceCredentials | null>(serviceCaches.credentials, `${serviceId}:`, () =>
    loadServiceCredentials(request.services.db, request.services.secrets, serviceId),
  );
  if (!credentials) throw Errors.auth(403, "Invalid token: service not found");
  if (!credentials.service.active) throw Errors.auth(403, "Invalid token: service is archived");
  if (credentials.keys.length === 0) throw Errors.auth(403, "Invalid token: service has no API keys");

  const key = await findSigningKey(token, credentials.keys);
  const iat = decoded.payload.iat;
  if (!key || typeof iat !== "number") throw Errors.auth(403, "Invalid token: API key not found");
  const now = request.services.clock.now() / 1000;
  if (iat < now - CLOCK_SKEW_SECONDS || iat > now + CLOCK_SKEW_SECONDS) {
    throw Errors.auth(403, "Error: Your system clock must be accurate to within 30 seconds");
  }
  if (key.revokedAt !== null) throw Errors.auth(403, "Invalid token: API key revoked");
  await recordApiKeyUse(request.services.db, key.id, request.services.clock.now());
  return {
    service: credentials.service,
    orgSendRate: credentials.orgSendRate,
    apiKey: { id: key.id, name: key.name, keyType: key.keyType },
  };
}

async function findSigningKey(token: string, keys: ServiceKey[]): Promise<ServiceKey | undefined> {
  for (const key of keys) {
    // jwt.verify also rejects an `exp` in the past; Notify's clients never send one.
    if (await jwt.verify(token, key.hmacKey, { algorithm: "HS256" }).catch(() => undefined)) return key;
  }
  return undefined;
}
