/** Limits of the Cloudflare platform that batch sizes in this code follow. */

/** D1 binds at most 100 parameters per statement; an `IN (...)` list of ids leaves room for the others. */
export const D1_IN_LIST_MAX = 90;

/** Queue sendBatch accepts at most 100 messages per call. */
export const QUEUE_SEND_BATCH_MAX = 100;
