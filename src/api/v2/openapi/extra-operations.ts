/**
 * Operations added by later capabilities (bulk jobs, scheduling, evidence of delivery). Kept apart
 * so the Notify core document stays a plain list of Notify's own endpoints.
 */

import { schemaOf } from "../../../http/openapi-schema";
import { HistoryBody, NotificationEvidenceBody, RecipientEvidenceBody } from "../../../notifications/evidence/evidence-json";
import { MAX_RECIPIENT_NOTIFICATIONS } from "../../../notifications/evidence/load-recipient-evidence";
import { JobResponse, PostBulkRequest } from "../jobs/bulk-schemas";
import { errorResponses, idParam, jsonContent, queryParam, type Schema, security } from "./helpers";
import { Notification } from "./response-schemas";

/** JSON, or the printable Dutch page with `Accept: text/html`. */
const jsonOrHtmlContent = (schema: Schema) => ({ ...jsonContent(schema), "text/html": { schema: { type: "string" } } });
const WITHIN_RETENTION = "Only within the service's retention period: a purged notification is a 404 here, and its history is gone.";

export function extraOperations(): Record<string, unknown> {
  const form = schemaOf(PostBulkRequest) as { properties?: Record<string, unknown>; required?: string[] };
  const { rows: _rows, csv: _csv, ...formFields } = form.properties ?? {};
  return {
    "/v2/notifications/bulk": {
      post: {
        summary: "Send a template to many recipients (GC Notify format)",
        description:
          "`rows` (array of arrays, first row the column headers) or `csv` (text), or a multipart upload of a .csv or .xlsx `file`. Up to 100,000 rows. Every row is checked before anything is stored; `scheduled_for` holds the job up to 7 days. Cells are always text: formulas are never evaluated.",
        security,
        requestBody: {
          required: true,
          content: {
            ...jsonContent(PostBulkRequest),
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["template_id", "name", "file"],
                properties: {
                  ...formFields,
                  file: { type: "string", format: "binary", description: ".csv or .xlsx, first row the column headers" },
                },
              },
            },
          },
        },
        responses: { "201": { description: "Job created", content: jsonContent(JobResponse) }, ...errorResponses(400, 403, 413, 429) },
      },
    },
    "/v2/jobs/{id}": {
      get: {
        summary: "Get a bulk job: status and counts per notification status",
        security,
        parameters: [idParam("id")],
        responses: { "200": { description: "OK", content: jsonContent(JobResponse) }, ...errorResponses(400, 403, 404) },
      },
    },
    "/v2/jobs/{id}/cancel": {
      post: {
        summary: "Cancel a scheduled job, or the unsent rest of a running one",
        security,
        parameters: [idParam("id")],
        responses: { "200": { description: "Cancelled", content: jsonContent(JobResponse) }, ...errorResponses(400, 403, 404) },
      },
    },
    "/v2/notifications/{id}/history": {
      get: {
        summary: "Get the status history of a message: every status, oldest first, with time, source and the provider's code",
        description: WITHIN_RETENTION,
        security,
        parameters: [idParam("id")],
        responses: { "200": { description: "OK", content: jsonContent(HistoryBody) }, ...errorResponses(400, 403, 404) },
      },
    },
    "/v2/notifications/{id}/evidence": {
      get: {
        summary: "Export the evidence of a message: what, to whom, when, through which provider, who sent it, every status",
        description: `JSON by default; \`Accept: text/html\` gives a printable page in Dutch ("Bewijs van verzending"). ${WITHIN_RETENTION}`,
        security,
        parameters: [idParam("id")],
        responses: { "200": { description: "OK", content: jsonOrHtmlContent(NotificationEvidenceBody) }, ...errorResponses(400, 403, 404) },
      },
    },
    "/v2/evidence": {
      get: {
        summary: "Export the evidence of every message to one recipient, newest first",
        description:
          `Give exactly one of phone_number and email_address, in any form the send endpoints accept. At most ${MAX_RECIPIENT_NOTIFICATIONS} ` +
          "messages, newest first; `truncated` and `note` say when older ones were left out. Only this service's messages, within " +
          "its retention period. JSON by default; `Accept: text/html` gives a printable page in Dutch.",
        security,
        parameters: [
          queryParam("phone_number", "the recipient's phone number"),
          queryParam("email_address", "the recipient's email address"),
        ],
        responses: { "200": { description: "OK", content: jsonOrHtmlContent(RecipientEvidenceBody) }, ...errorResponses(400, 403) },
      },
    },
    "/v2/notifications/{id}/cancel": {
      post: {
        summary: "Cancel a scheduled notification that has not been sent",
        security,
        parameters: [idParam("id")],
        responses: { "200": { description: "Cancelled", content: jsonContent(Notification) }, ...errorResponses(400, 403, 404) },
      },
    },
  };
}
