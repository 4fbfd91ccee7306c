/**
 * A token bucket (Notify's `tally-bucket-rate-limit`): refills `ratePerMinute / 60` tokens per second
 * up to `capacity`. Pure and clock-driven so it can be tested without waiting.
 */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    readonly ratePerMinute: number,
    readonly capacity: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#updatedAt = now;
  }

  /** Notify's burst size for a per-minute limit: min(ceil(limit / 3) + 1, 1000). */
  static notifyCapacity(ratePerMinute: number): number {
    return Math.min(Math.ceil(ratePerMinute / 3) + 1, 1000);
  }

  available(now: number): number {
    this.#refill(now);
    return this.#tokens;
  }

  /** Takes `n` tokens if there are enough; returns whether it did. */
  tryTake(now: number, n = 1): boolean {
    this.#refill(now);
    if (this.#tokens < n) return false;
    this.#tokens -= n;
    return true;
  }

  /** Takes up to `max` whole tokens and returns how many it took. */
  takeUpTo(now: number, max: number): number {
    this.#refill(now);
    const n = Math.max(0, Math.min(max, Math.floor(this.#tokens)));
    this.#tokens -= n;
    return n;
  }

  /** Milliseconds until one whole token is available. */
  msUntilToken(now: number): number {
    this.#refill(now);
    if (this.#tokens >= 1) return 0;
    return Math.ceil(((1 - this.#tokens) * 60_000) / this.ratePerMinute);
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(this.capacity, this.#tokens + (elapsed * this.ratePerMinute) / 60_000);
    this.#updatedAt = now;
  }
}
