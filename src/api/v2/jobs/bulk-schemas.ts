/**
 * Request schema of POST /v2/notifications/bulk (GC Notify's `post_bulk_request`): `rows` (an array
 * of arrays, the first one the header) or `csv` (a string), never both. The multipart form variant
 * carries the same fields as form fields plus `file`. Also the source of the OpenAPI description.
 */
import * as v from "valibot";

const uuid = () => v.pipe(v.string(), v.uuid("is not a valid UUID"));
const cell = v.union([v.string(), v.number(), v.boolean(), v.null()]);

const common = {
  template_id: uuid(),
  name: v.pipe(v.string(), v.description("Job name, GC's original_file_name"), v.maxLength(255, "is too long")),
  reference: v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.maxLength(1000, (i) => `${String(i.input)} is too long`),
      ),
    ),
  ),
  scheduled_for: v.optional(v.nullable(v.pipe(v.string(), v.description("ISO 8601, at most 7 days ahead")))),
  reply_to_id: v.optional(v.nullable(uuid())),
};

export const PostBulkRequest = v.strictObject({
  ...common,
  rows: v.optional(v.nullable(v.pipe(v.array(v.array(cell)), v.description("First row: column headers")))),
  csv: v.optional(v.nullable(v.pipe(v.string(), v.description("CSV text, first line: column headers")))),
});
export type PostBulkRequest = v.InferOutput<typeof PostBulkRequest>;

/** The text fields of the multipart/form-data variant (the spreadsheet is the `file` part). */
export const PostBulkForm = v.strictObject(common);
export type PostBulkForm = v.InferOutput<typeof PostBulkForm>;

const nullableTimestamp = v.nullable(v.pipe(v.string(), v.description("UTC, isoformat with +00:00 (GC's job format)")));

/** A job as the bulk endpoints return it (GC's job_schema); `statistics` on GET and cancel. */
export const JobResponse = v.object({
  data: v.object({
    id: v.pipe(v.string(), v.uuid()),
    job_status: v.picklist(["pending", "scheduled", "in progress", "finished", "cancelled"]),
    notification_count: v.number(),
    original_file_name: v.string(),
    template: v.pipe(v.string(), v.uuid()),
    template_version: v.number(),
    service: v.pipe(v.string(), v.uuid()),
    service_name: v.object({ name: v.string() }),
    api_key: v.nullable(v.object({ id: v.string(), key_type: v.string(), name: v.string() })),
    created_by: v.nullable(v.object({ id: v.string(), name: v.string() })),
    created_at: v.string(),
    updated_at: nullableTimestamp,
    scheduled_for: nullableTimestamp,
    processing_started: nullableTimestamp,
    processing_finished: nullableTimestamp,
    archived: v.boolean(),
    sender_id: v.nullable(v.string()),
    statistics: v.optional(v.array(v.object({ status: v.string(), count: v.number() }))),
  }),
});
