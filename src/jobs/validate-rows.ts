/**
 * Every row of a bulk job is checked before anything is stored, with the same code a single send
 * uses (prepareMessage: personalisation, rendering, length, recipient, team/trial allow-list, and
 * opt-outs, whose whole list the job's context holds).
 * Problems are reported the way GC Notify reports them (GC-API `check_for_csv_errors`):
 *   - a recipient the key or trial mode may not send to → one file-level error;
 *   - otherwise "Some rows have errors. Row 1 - `name`: Missing. Row 2 - `phone number`: invalid recipient."
 *     for the first 20 rows with errors. Row numbers count data rows from 0, as GC's do. A recipient
 *     who opted out is a row error too ("Row 3 - `phone number`: opted out of messages from this service").
 */
import { Errors, NotifyError, OPTED_OUT_MESSAGES } from "../errors";
import { prepareMessage } from "../notifications/prepare-message";
import { PHONE_ERRORS } from "../notifications/recipients";
import { normaliseKey, placeholderNames } from "../notifications/render/placeholders";
import type { SendContext } from "../notifications/send-context";
import type { ColumnMap } from "./columns";
import { MAX_ROW_ERRORS_SHOWN } from "./limits";

/** The rows reduced to what a job stores: the recipient, then one value per placeholder column. */
export interface JobTable {
  /** [recipient header, ...placeholder headers] */
  header: string[];
  rows: string[][];
}

const NOT_ALLOWED_TEAM = "You cannot send to these recipients because you used a team and safelist API key.";
const NOT_ALLOWED_TRIAL =
  "You cannot send to these recipients because your service is in trial mode. You can only send to members of your team and your safelist.";
/** The row error of a recipient on the service's suppression list. */
const OPTED_OUT_ROW = "opted out of messages from this service";
const MIXED_TEST_RECIPIENTS = "Bulk sending to testing and non-testing numbers is not supported";

/** The distinct placeholders of a template (subject and body for email), spelled as in the template. */
export function templatePlaceholders(context: SendContext): string[] {
  const { template } = context;
  const parts = template.type === "email" ? [template.subject ?? "", template.body] : [template.body];
  const seen = new Map<string, string>();
  for (const name of parts.flatMap((part) => placeholderNames(part))) {
    if (!seen.has(normaliseKey(name))) seen.set(normaliseKey(name), name);
  }
  return [...seen.values()];
}

/** Personalisation of one stored row: placeholder header → value. */
export function rowPersonalisation(header: readonly string[], row: readonly string[]): Record<string, string> {
  const personalisation: Record<string, string> = {};
  for (let i = 1; i < header.length; i++) personalisation[header[i] ?? ""] = row[i] ?? "";
  return personalisation;
}

/** Validates every data row (table minus its header); returns the projected table or throws a 400. */
export function validateRows(context: SendContext, dataRows: readonly string[][], columns: ColumnMap): JobTable {
  const header = [columns.recipient.header, ...columns.placeholders.map((p) => p.header)];
  const rows: string[][] = [];
  const rowErrors: string[] = [];
  let notAllowed = false;
  let smokeTests = 0;
  dataRows.forEach((cells, rowNumber) => {
    const row = [cells[columns.recipient.index] ?? "", ...columns.placeholders.map((p) => cells[p.index] ?? "")];
    rows.push(row);
    const problems: { index: number; text: string }[] = [];
    if (row[0]?.trim() === "") problems.push({ index: columns.recipient.index, text: `\`${header[0]}\`: Missing` });
    columns.placeholders.forEach((p, i) => {
      if (row[i + 1]?.trim() === "") problems.push({ index: p.index, text: `\`${p.header}\`: Missing` });
    });
    if (problems.length === 0) {
      try {
        const message = prepareMessage(context, { recipient: row[0] ?? "", personalisation: rowPersonalisation(header, row) });
        if (message.smokeTest) smokeTests += 1;
      } catch (error) {
        if (!(error instanceof NotifyError)) throw error;
        const kind = classify(error);
        if (kind === "not_allowed") notAllowed = true;
        else if (kind === "recipient") problems.push({ index: columns.recipient.index, text: `\`${header[0]}\`: invalid recipient` });
        else if (kind === "opted_out") problems.push({ index: columns.recipient.index, text: `\`${header[0]}\`: ${OPTED_OUT_ROW}` });
        else problems.push({ index: -1, text: (error.errors[0]?.message ?? "Invalid row").replace(/\.$/, "") });
      }
    }
    if (problems.length > 0 && rowErrors.length < MAX_ROW_ERRORS_SHOWN) {
      problems.sort((a, b) => a.index - b.index);
      rowErrors.push(`Row ${rowNumber} - ${problems.map((p) => p.text).join(",")}`);
    }
  });
  if (notAllowed) throw Errors.badRequest(context.keyType === "team" ? NOT_ALLOWED_TEAM : NOT_ALLOWED_TRIAL);
  if (rowErrors.length > 0) throw Errors.badRequest(`Some rows have errors. ${rowErrors.join(". ")}.`);
  if (context.keyType !== "test" && smokeTests > 0 && smokeTests < rows.length) throw Errors.badRequest(MIXED_TEST_RECIPIENTS);
  return { header, rows };
}

/** Which of prepareMessage's errors is about the recipient, the allow-list, an opt-out, or the content. */
function classify(error: NotifyError): "recipient" | "not_allowed" | "opted_out" | "content" {
  const first = error.errors[0];
  if (!first) return "content";
  if (first.message === OPTED_OUT_MESSAGES.sms || first.message === OPTED_OUT_MESSAGES.email) return "opted_out";
  // Content errors are all BadRequestErrors; recipient checks use these names (see prepare-message.ts).
  if (first.error === "ValidationError" || first.error === "InvalidPhoneError" || first.error === "InvalidEmailError") return "recipient";
  if (first.message === PHONE_ERRORS.international) return "recipient";
  if (first.message.startsWith("Can’t send to this recipient")) return "not_allowed";
  return "content";
}
