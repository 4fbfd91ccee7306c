/** Timing rules of the dispatch pipeline, in one place. */

/**
 * A claim older than this belongs to a consumer that died between claim and send; the row may be
 * claimed again. Far above the longest send (CM timeout 10 s, SMTP 15 s) so a live consumer is
 * never overtaken.
 */
export const STALE_CLAIM_MS = 2 * 60_000;

/** Exponential backoff for transient send failures: 10 s, 20 s, 40 s … capped at 15 minutes. */
export function dispatchBackoffSeconds(attempts: number): number {
  return Math.min(15 * 60, 10 * 2 ** Math.max(0, attempts - 1));
}

/** Seconds until a fresh claim made at `claimedAt` goes stale (then another try may take it). */
export function secondsUntilStale(claimedAt: number, now: number): number {
  return Math.max(1, Math.ceil((claimedAt + STALE_CLAIM_MS - now) / 1000) + 1);
}
