/**
 * The D1 data model (drizzle). Every table is documented in docs/storage-schema.md.
 * Times are integer milliseconds since the epoch (UTC); the API formats them as Notify does.
 * Personal data (recipients, bodies, personalisation) lives only in `notifications`,
 * `received_texts` and `job_chunks`, purged after the service's retention period, and in
 * `suppressions` (the opted-out numbers, kept until START) and `team_members`. The tables are in
 * src/db/tables/, by area; drizzle-kit and the code import them from here.
 */
export * from "./tables/administration";
export * from "./tables/console";
export * from "./tables/messages";
export * from "./tables/tenancy";
