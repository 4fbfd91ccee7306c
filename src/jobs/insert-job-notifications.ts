/**
 * The SQL of a chunk expansion, in raw D1 statements because they are set-based:
 *  - insertStatements: many rows per INSERT through `json_each(?)` (one bound JSON array instead of
 *    20 parameters per row, which D1's 100-parameter limit would cap at 4 rows per statement), with
 *    `ON CONFLICT DO NOTHING` on the derived ids, and only while the job is still `in progress`
 *    (a cancelled job gets no new rows, even from a consumer that read the job before the cancel);
 *  - claimStatement: marks the chunk's rows that are `created` and not yet handed to the OrgGate
 *    (updated_at IS NULL) as handed over, returning exactly those: the set this consumer enqueues.
 */
import type { JobRow } from "./submit-job";

/** One row as the INSERT reads it from the JSON array. */
export interface NotificationValues {
  id: string;
  row: number;
  to: string;
  nto: string;
  intl: boolean;
  p: Record<string, string>;
  body: string;
  subj: string | null;
  units: number;
}

/** Bytes of JSON per INSERT, well under D1's limits for one statement (1 MB) and one value (2 MB). */
const MAX_JSON_PER_INSERT = 700_000;

const INSERT_SQL = `INSERT INTO notifications (id, service_id, organisation_id, template_id, template_version, notification_type,
  key_type, api_key_id, job_id, job_row_number, "to", normalised_to, international, personalisation, body, subject, reference,
  sender_text, lane, status, billable_units, created_at)
SELECT json_extract(value, '$.id'), ?, ?, ?, ?, ?, ?, ?, ?, json_extract(value, '$.row'), json_extract(value, '$.to'),
  json_extract(value, '$.nto'), json_extract(value, '$.intl'), json_extract(value, '$.p'), json_extract(value, '$.body'),
  json_extract(value, '$.subj'), ?, ?, 'bulk', 'created', json_extract(value, '$.units'), ?
FROM json_each(?)
WHERE EXISTS (SELECT 1 FROM jobs WHERE id = ? AND status = 'in progress')
ON CONFLICT DO NOTHING`;

/** INSERT statements for `values`, split so each bound JSON array stays under MAX_JSON_PER_INSERT. */
export function insertStatements(
  d1: D1Database,
  job: JobRow,
  senderText: string | null,
  values: NotificationValues[],
  now: number,
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  let group: string[] = [];
  let size = 0;
  const flush = () => {
    if (group.length === 0) return;
    statements.push(
      d1
        .prepare(INSERT_SQL)
        .bind(
          job.serviceId,
          job.organisationId,
          job.templateId,
          job.templateVersion,
          job.notificationType,
          job.keyType,
          job.apiKeyId,
          job.id,
          job.reference,
          senderText,
          now,
          `[${group.join(",")}]`,
          job.id,
        ),
    );
    group = [];
    size = 0;
  };
  for (const value of values) {
    const json = JSON.stringify(value);
    if (size + json.length > MAX_JSON_PER_INSERT) flush();
    group.push(json);
    size += json.length + 1;
  }
  flush();
  return statements;
}

/** Rows of the chunk still waiting to be handed to the OrgGate, claimed for this consumer. */
export function claimStatement(d1: D1Database, jobId: string, firstRow: number, lastRow: number, now: number): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE notifications SET updated_at = ? WHERE job_id = ? AND job_row_number BETWEEN ? AND ?
       AND status = 'created' AND updated_at IS NULL RETURNING id, service_id`,
    )
    .bind(now, jobId, firstRow, lastRow);
}

/** Undoes claimStatement after a failed hand-off, so a redelivered message claims the rows again. */
export function unclaimStatement(d1: D1Database, jobId: string, firstRow: number, lastRow: number, claimedAt: number): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE notifications SET updated_at = NULL WHERE job_id = ? AND job_row_number BETWEEN ? AND ?
       AND status = 'created' AND updated_at = ?`,
    )
    .bind(jobId, firstRow, lastRow, claimedAt);
}
