/**
 * Operations added by later capabilities (bulk jobs, scheduling). Kept apart so the Notify core
 * document stays a plain list of Notify's own endpoints.
 */

import { schemaOf } from "../../../http/openapi-schema";
import { JobResponse, PostBulkRequest } from "../jobs/bulk-schemas";
import { errorResponses, idParam, jsonContent, security } from "./helpers";
import { Notification } from "./response-schemas";

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
