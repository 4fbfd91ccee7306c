/**
 * Splitting a validated job table into stored chunks (job_chunks rows), and the messages that ask
 * the `jobs` consumer to expand them. A chunk holds at most CHUNK_ROWS rows and CHUNK_MAX_BYTES of
 * JSON, so one chunk is one queue message and one bounded unit of work.
 */

import { QUEUE_SEND_BATCH_MAX } from "../db/platform-limits";
import type { ChunkQueue } from "../queues/queue-messages";
import { CHUNK_MAX_BYTES, CHUNK_ROWS } from "./limits";
import type { JobTable } from "./validate-rows";

/** What job_chunks.rows holds (JSON). */
export interface ChunkContent {
  /** [recipient header, ...placeholder headers] */
  header: string[];
  rows: string[][];
}

/** A job_chunks row to insert (without the job id). */
export interface NewChunk {
  chunkIndex: number;
  firstRowNumber: number;
  /** JSON of ChunkContent. */
  rows: string;
}

/** Cuts the table into chunks of at most CHUNK_ROWS rows and about CHUNK_MAX_BYTES of JSON. */
export function splitIntoChunks(table: JobTable): NewChunk[] {
  const chunks: NewChunk[] = [];
  const headerBytes = JSON.stringify(table.header).length;
  let start = 0;
  let bytes = headerBytes;
  const close = (end: number) => {
    const content: ChunkContent = { header: table.header, rows: table.rows.slice(start, end) };
    chunks.push({ chunkIndex: chunks.length, firstRowNumber: start, rows: JSON.stringify(content) });
    start = end;
    bytes = headerBytes;
  };
  table.rows.forEach((row, index) => {
    const rowBytes = JSON.stringify(row).length + 1;
    if (index > start && (index - start >= CHUNK_ROWS || bytes + rowBytes > CHUNK_MAX_BYTES)) close(index);
    bytes += rowBytes;
  });
  if (start < table.rows.length || chunks.length === 0) close(table.rows.length);
  return chunks;
}

/** One `jobs` message per chunk index, 100 per sendBatch call. */
export async function sendChunkMessages(queue: ChunkQueue, jobId: string, chunkIndexes: readonly number[]): Promise<void> {
  for (let i = 0; i < chunkIndexes.length; i += QUEUE_SEND_BATCH_MAX) {
    await queue.sendBatch(chunkIndexes.slice(i, i + QUEUE_SEND_BATCH_MAX).map((chunkIndex) => ({ body: { jobId, chunkIndex } })));
  }
}

/** Parses job_chunks.rows back; a malformed value is a bug, so it throws. */
export function readChunk(json: string): ChunkContent {
  const parsed = JSON.parse(json) as ChunkContent;
  if (!Array.isArray(parsed.header) || !Array.isArray(parsed.rows)) throw new Error("job chunk has an unexpected shape");
  return parsed;
}
