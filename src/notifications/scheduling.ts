/**
 * `scheduled_for`: ISO 8601, UTC or with an offset (a time without offset is taken as UTC),
 * not in the past and at most 7 days ahead. Returns epoch ms, or null when not scheduled.
 */
import { Errors } from "../errors";

export const MAX_SCHEDULE_DAYS = 7;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const FORMAT_MESSAGE = "datetime format is invalid. It must be a valid ISO8601 date time format, https://en.wikipedia.org/wiki/ISO_8601";

export function parseScheduledFor(value: string | null | undefined, now: number, field = "scheduled_for"): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (!ISO_8601.test(trimmed)) throw Errors.validation([`${field} ${FORMAT_MESSAGE}`]);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) && trimmed.length > 10;
  const normalised = trimmed.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(hasZone ? normalised : `${normalised}${normalised.length > 10 ? "Z" : "T00:00:00Z"}`);
  if (Number.isNaN(ms)) throw Errors.validation([`${field} ${FORMAT_MESSAGE}`]);
  if (ms < now) throw Errors.validation([`${field} datetime can not be in the past`]);
  if (ms > now + MAX_SCHEDULE_DAYS * 86_400_000) {
    throw Errors.validation([`${field} datetime can only be ${MAX_SCHEDULE_DAYS * 24} hours in the future`]);
  }
  return ms;
}
