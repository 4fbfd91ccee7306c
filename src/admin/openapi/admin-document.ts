/**
 * The admin API's OpenAPI 3.0 document, generated from the operations (their valibot body, query
 * and response schemas), and shaped by the NL API Design Rules: the major version in the server
 * URL, `API-Version` on every success response, problem details for every error, `info.contact`,
 * semantic versioning. test/e2e/admin-openapi.test.ts lints it with the Logius Spectral ruleset.
 */
import * as v from "valibot";
import { ADMIN_API_VERSION, ADMIN_BASE_PATH } from "../../http/api-versions";
import { schemaOf } from "../../http/openapi-schema";
import type { AdminOperation } from "../admin-operation";

export interface ApiContact {
  name: string;
  email: string;
  url: string;
}

const ProblemDetails = v.object({
  type: v.pipe(v.string(), v.description("about:blank: the title is the HTTP status's reason phrase")),
  title: v.string(),
  status: v.number(),
  detail: v.pipe(v.string(), v.description("What went wrong, in one or more sentences")),
  code: v.pipe(v.string(), v.description("The error's name, e.g. ValidationError, NoResultFound, AuthError")),
  invalidParams: v.optional(
    v.pipe(v.array(v.object({ name: v.string(), reason: v.string() })), v.description("One entry per invalid field or query parameter")),
  ),
});

const versionHeader = {
  "API-Version": {
    description: "The full version of this API (semantic versioning)",
    schema: { type: "string", example: ADMIN_API_VERSION },
  },
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input: every problem is listed in `invalidParams` where it concerns a field",
  401: "No or an unknown admin credential",
  403: "A read-only credential asked for a change",
  404: "Unknown id, or a resource of another organisation",
  413: "Request body too large",
  500: "Unexpected error (logged with the request id)",
};

export const TAGS = [
  { name: "organisations", description: "Organisations (tenants): name and send rate" },
  { name: "services", description: "Services of an organisation: trial mode, suspension, limits, retention, permissions" },
  { name: "api-keys", description: "API keys of a service" },
  { name: "templates", description: "Templates, their versions, archiving" },
  { name: "senders", description: "SMS senders, inbound numbers and email reply-to addresses" },
  { name: "team-members", description: "Team members (who a trial service or a team key may send to)" },
  { name: "invitations", description: "Invitations to a service's web-console team" },
  {
    name: "suppressions",
    description: "Opted-out recipients of a service (an inbound STOP, or an administrator): sends to them are refused",
  },
  { name: "callbacks", description: "Delivery-status and inbound-SMS callbacks of a service" },
  { name: "statistics", description: "Messages per day" },
  {
    name: "notifications",
    description: "Evidence of delivery (Wmebv): the status history of a notification, and exports per notification and per recipient",
  },
  { name: "admin-credentials", description: "Named credentials of platform administrators, with roles" },
  { name: "audit-log", description: "Who changed what, and when" },
] as const;

export function buildAdminOpenApi(operations: readonly AdminOperation[], origin: string, contact: ApiContact): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method] = describe(operation);
  }
  return {
    openapi: "3.0.3",
    info: {
      title: "NotifyNL Edge admin API",
      version: ADMIN_API_VERSION,
      description:
        "Platform administration: organisations, services and everything a service sends with. " +
        "`Authorization: Bearer <credential>` (the bootstrap ADMIN_TOKEN or a named admin credential). " +
        "Errors are RFC 9457 problem details. Changes: docs/api-changelog.md.",
      contact,
    },
    servers: [{ url: `${origin}${ADMIN_BASE_PATH}`, description: "This deployment" }],
    tags: TAGS,
    security: [{ adminCredential: [] }],
    components: { securitySchemes: { adminCredential: { type: "http", scheme: "bearer" } } },
    paths,
  };
}

function describe(operation: AdminOperation): Record<string, unknown> {
  const { ok } = operation;
  const content: Record<string, unknown> = {};
  if (ok.schema) content["application/json"] = { schema: schemaOf(ok.schema) };
  if (ok.csv) content["text/csv"] = { schema: { type: "string" } };
  if (ok.html) content["text/html"] = { schema: { type: "string" } };
  const success = { description: ok.description, headers: versionHeader, ...(Object.keys(content).length > 0 ? { content } : {}) };
  const errors = [400, 401, 403, ...(operation.path.includes("{") ? [404] : []), ...(operation.body ? [413] : []), 500];
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    parameters: [...pathParameters(operation.path), ...queryParameters(operation)],
    ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(operation.body) } } } } : {}),
    responses: {
      [String(ok.status)]: success,
      ...Object.fromEntries(
        errors.map((status) => [
          String(status),
          { description: ERROR_DESCRIPTIONS[status], content: { "application/problem+json": { schema: schemaOf(ProblemDetails) } } },
        ]),
      ),
    },
  };
}

function pathParameters(path: string): unknown[] {
  return [...path.matchAll(/\{([a-z_]+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: name === "callback_type" ? { type: "string", enum: ["delivery-status", "inbound-sms"] } : { type: "string", format: "uuid" },
  }));
}

function queryParameters(operation: AdminOperation): unknown[] {
  if (!operation.query) return [];
  const schema = schemaOf(operation.query) as { properties?: Record<string, Record<string, unknown>> };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: "query", required: false, schema: rest, ...(description ? { description } : {}) };
  });
}
