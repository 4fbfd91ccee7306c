/** Notify's timestamp format: `%Y-%m-%dT%H:%M:%S.%fZ` (microseconds, always UTC). */
export function formatTimestamp(ms: number): string;
export function formatTimestamp(ms: number | null | undefined): string | null;
export function formatTimestamp(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  const iso = new Date(ms).toISOString(); // 2024-05-17T15:58:38.342Z
  return `${iso.slice(0, 23)}000Z`;
}

/** The UTC day (YYYY-MM-DD) of a time, used for daily limits and statistics. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
