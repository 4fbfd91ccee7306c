/**
 * The numbers that bound a bulk job. GOV.UK Notify's CSV upload takes up to 100,000 rows and files
 * under 10 MB (UK-UTILS `RecipientCSV.max_rows`, UK-ADMIN forms); GC Notify shows 20 row errors.
 */

/** Data rows (the header row not counted) one job may have. */
export const MAX_JOB_ROWS = 100_000;

/** Request body limit of POST /v2/notifications/bulk (JSON or an uploaded file), larger than other endpoints. */
export const MAX_BULK_BODY_BYTES = 10 * 1024 * 1024;

/** Rows with errors listed in the "Some rows have errors." message (GC's `initial_rows_with_errors`). */
export const MAX_ROW_ERRORS_SHOWN = 20;

/** Rows per stored chunk, and so per `jobs` queue message. */
export const CHUNK_ROWS = 1_000;

/**
 * A chunk is also closed at this many bytes of JSON, well under D1's 2 MB row limit, so rows with long
 * personalisation (emails) still fit one job_chunks row.
 */
export const CHUNK_MAX_BYTES = 512 * 1024;
