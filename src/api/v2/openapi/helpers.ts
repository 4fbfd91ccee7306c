/** Builders shared by the OpenAPI operations: JSON Schema from valibot, Notify's error responses, parameters. */
import { type Schema, schemaOf } from "../../../http/openapi-schema";
import { ErrorBody } from "./response-schemas";

export type { Schema };
export const jsonContent = (schema: Schema) => ({ "application/json": { schema: schemaOf(schema) } });
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: "Notify error body", content: jsonContent(ErrorBody) }]));

export const idParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } });
export const queryParam = (name: string, description: string) => ({
  name,
  in: "query",
  required: false,
  schema: { type: "string" },
  description,
});
/** Every /v2 operation: a Notify JWT as bearer token. */
export const security = [{ notifyJwt: [] }];
