/** GET /v2/openapi.json: public, no authentication (it describes, it does not disclose). */
import type { AppRequest } from "../../../http/app-request";
import { buildOpenApiDocument } from "./document";

let cached: { origin: string; body: string } | undefined;

export function getOpenApi(request: AppRequest): Response {
  if (cached?.origin !== request.origin) {
    cached = { origin: request.origin, body: JSON.stringify(buildOpenApiDocument(request.origin)) };
  }
  return new Response(cached.body, { headers: { "content-type": "application/json" } });
}
