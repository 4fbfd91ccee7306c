/** Building blocks of the admin API's response schemas (for the OpenAPI document). */
import * as v from "valibot";

export const id = v.pipe(v.string(), v.uuid());
/** Notify's timestamp format, always UTC: 2026-12-02T10:15:00.123000Z. */
export const timestamp = v.pipe(v.string(), v.isoTimestamp(), v.description("UTC, e.g. 2026-12-02T10:15:00.123000Z"));
export const optionalTimestamp = v.nullable(timestamp);
/** A page of a list: `next` is the `after` cursor of the next page, null on the last. */
export const pageLinks = v.object({ next: v.pipe(v.nullable(v.string()), v.description("URL of the next page; null on the last page")) });
