/**
 * Matching a spreadsheet's header row to the template, as Notify's RecipientCSV does: header names
 * are compared without case, spaces, `_` or `-` ("Phone_Number" is "phone number"), the recipient
 * column is "phone number" (SMS) or "email address" (email), and every placeholder of the template
 * needs a column. Columns the template does not use are ignored (and never stored).
 */

import { Errors } from "../errors";
import type { Channel } from "../gate/types";
import { normaliseKey } from "../notifications/render/placeholders";

/** Where the recipient and each placeholder's values are in a row. */
export interface ColumnMap {
  recipient: { header: string; index: number };
  /** One entry per template placeholder, named as in the file's header. */
  placeholders: { header: string; index: number }[];
}

/** Notify's canonical recipient column names (used in "Missing column headers"). */
export const RECIPIENT_COLUMN: Record<Channel, string> = { sms: "phone number", email: "email address" };

/** Maps the header row; throws GC's "Missing column headers: …" / "Duplicate column headers: …" (400). */
export function mapColumns(header: readonly string[], channel: Channel, placeholderNames: readonly string[]): ColumnMap {
  const indexByKey = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normaliseKey(name.trim());
    if (key !== "" && !indexByKey.has(key)) indexByKey.set(key, index);
  });
  const recipientKey = normaliseKey(RECIPIENT_COLUMN[channel]);

  const missing: string[] = [];
  const recipientIndex = indexByKey.get(recipientKey);
  if (recipientIndex === undefined) missing.push(RECIPIENT_COLUMN[channel]);
  const placeholders: ColumnMap["placeholders"] = [];
  for (const name of placeholderNames) {
    const index = indexByKey.get(normaliseKey(name));
    if (index === undefined) missing.push(name);
    else placeholders.push({ header: header[index]?.trim() ?? name, index });
  }
  if (missing.length > 0) throw Errors.badRequest(`Missing column headers: ${pythonSorted(missing).join(", ")}`);

  const recipientHeaders = header.map((name) => name.trim()).filter((name) => normaliseKey(name) === recipientKey);
  if (recipientHeaders.length > 1) throw Errors.badRequest(`Duplicate column headers: ${pythonSorted(recipientHeaders).join(", ")}`);

  const index = recipientIndex ?? 0;
  return { recipient: { header: header[index]?.trim() ?? RECIPIENT_COLUMN[channel], index }, placeholders };
}

/** GC sorts with Python's default string order (code points), not the locale's. */
function pythonSorted(values: string[]): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
