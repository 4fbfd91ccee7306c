/**
 * The OpenAPI 3.1 document of the public API, generated from the valibot schemas (request bodies
 * and response shapes) with @valibot/to-json-schema. Built once per isolate.
 */
import { PostEmailRequest, PostSmsRequest } from "../notifications/notification-schemas";
import { PreviewRequest } from "../templates/preview-template";
import { extraOperations } from "./extra-operations";
import { errorResponses, idParam, jsonContent, queryParam, type Schema, security } from "./helpers";
import * as R from "./response-schemas";

export function buildOpenApiDocument(serverUrl: string): Record<string, unknown> {
  const post = (summary: string, body: Schema, created: Schema) => ({
    post: {
      summary,
      security,
      requestBody: { required: true, content: jsonContent(body) },
      responses: { "201": { description: "Created", content: jsonContent(created) }, ...errorResponses(400, 403, 413, 429) },
    },
  });
  const get = (summary: string, ok: Schema, parameters: unknown[] = []) => ({
    get: {
      summary,
      security,
      parameters,
      responses: { "200": { description: "OK", content: jsonContent(ok) }, ...errorResponses(400, 403, 404) },
    },
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "NotifyNL Edge public API",
      version: "2",
      description:
        "Wire-compatible with the GOV.UK Notify v2 API: use the official Notify client libraries. Authentication: `Authorization: Bearer <JWT>` (HS256, iss = service id, iat = now, signed with the key's secret).",
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { notifyJwt: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    paths: {
      "/v2/notifications/sms": post("Send a text message", PostSmsRequest, R.SmsCreated),
      "/v2/notifications/email": post("Send an email", PostEmailRequest, R.EmailCreated),
      "/v2/notifications/{id}": get("Get the status of one message", R.Notification, [idParam("id")]),
      "/v2/notifications": get("Get the status of multiple messages", R.NotificationList, [
        queryParam("template_type", "sms | email (repeatable)"),
        queryParam("status", "a status, or failed / accepted / received (repeatable)"),
        queryParam("reference", "your reference"),
        queryParam("older_than", "notification id to page from"),
        queryParam("include_jobs", "true to include bulk job messages"),
      ]),
      "/v2/template/{id}": get("Get a template", R.Template, [idParam("id")]),
      "/v2/template/{id}/version/{version}": get("Get a version of a template", R.Template, [
        idParam("id"),
        { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
      ]),
      "/v2/templates": get("Get all templates", R.TemplateList, [queryParam("type", "sms | email")]),
      "/v2/template/{id}/preview": {
        post: {
          summary: "Generate a preview of a template",
          security,
          parameters: [idParam("id")],
          requestBody: { required: false, content: jsonContent(PreviewRequest) },
          responses: { "200": { description: "OK", content: jsonContent(R.TemplatePreview) }, ...errorResponses(400, 403, 404) },
        },
      },
      "/v2/received-text-messages": get("Get received text messages", R.ReceivedTextList, [queryParam("older_than", "id to page from")]),
      ...extraOperations(),
    },
  };
}
