/**
 * The SQL of a chunk expansion, in raw D1 statements because they are set-based:
 *  - insertStatements: many rows per INSERT through `json_each(?)` (db/json-batches.ts), the
 *    columns all rows share bound once, with
 *    `ON CONFLICT DO NOTHING` on the derived ids, and only while the job is still `in progress`
 *    (a cancelled job gets no new rows, even from a consumer that read the job before the cancel);
 *  - claimStatement: marks the chunk's rows that are `created` and not yet handed to the OrgGate
 *    (updated_at IS NULL) as handed over, returning exactly those: the set this consumer enqueues.
 */
import { jsonArrays } from "../db/json-batches";
import type { JobRow } from "./submit-job";

/**
 * One row as the INSERT reads it from the JSON array. The keys are short because a 100,000-row job
 * carries them 100,000 times: nto = normalised_to, intl = international, p = personalisation,
 * subj = subject, units = billable_units.
 */
export interface NotificationValues {
  id: string;
  row: number;
  to: string;
  nto: string;
  intl: boolean;
  p: Record<string, unknown>;
  body: string;
  subj: string | null;
  units: number;
}

const INSERT_SQL = `INSERT INTO notifications (id, service_id, organisation_id, template_id, template_version, notification_type,
  key_type, api_key_id, job_id, job_row_number, "to", normalised_to, international, personalisation, body, subject, reference,
  sender_text, lane, status, billable_units, created_at)
SELECT json_extract(value, '$.id'), ?, ?, ?, ?, ?, ?, ?, ?, json_extract(value, '$.row'), json_extract(value, '$.to'),
  json_extract(value, '$.nto'), json_extract(value, '$.intl'), json_extract(value, '$.p'), json_extract(value, '$.body'),
  json_extract(value, '$.subj'), ?, ?, 'bulk', 'created', json_extract(value, '$.units'), ?
FROM json_each(?)
WHERE EXISTS (SELECT 1 FROM jobs WHERE id = ? AND status = 'in progress')
ON CONFLICT DO NOTHING`;

/** INSERT statements for `values`, one per JSON array of at most db/json-batches.ts's size. */
export function insertStatements(
  d1: D1Database,
  job: JobRow,
  senderText: string | null,
  values: NotificationValues[],
  now: number,
): D1PreparedStatement[] {
  return jsonArrays(values).map((array) =>
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
        array,
        job.id,
      ),
  );
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
