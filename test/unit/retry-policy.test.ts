/**
 * Retry timing: the dispatch backoff and stale-claim delay (src/delivery/policy.ts), the callback
 * backoff (src/service-callbacks/callbacks.consumer.ts) and the job-chunk backoff (src/jobs/expand.consumer.ts).
 */
import { describe, expect, it } from "vitest";
import { dispatchBackoffSeconds, STALE_CLAIM_MS, secondsUntilStale } from "../../src/delivery/policy";
import { jobRetryDelaySeconds } from "../../src/jobs/expand.consumer";
import { callbackBackoffSeconds } from "../../src/service-callbacks/callbacks.consumer";

describe("dispatch backoff", () => {
  it.each([
    [1, 10],
    [2, 20],
    [3, 40],
    [4, 80],
    [8, 900],
    [20, 900],
  ])("attempt %i waits %i s: doubling from 10 s, capped at 15 minutes", (attempts, seconds) => {
    expect(dispatchBackoffSeconds(attempts)).toBe(seconds);
  });
});

describe("a claim held by another consumer", () => {
  const now = 1_000_000_000;
  it.each([
    ["just made", now, STALE_CLAIM_MS / 1000 + 1],
    ["made 5 s ago", now - 5_000, STALE_CLAIM_MS / 1000 - 4],
    ["made 5.5 s ago", now - 5_500, STALE_CLAIM_MS / 1000 - 4],
    ["about to go stale", now - STALE_CLAIM_MS + 1, 2],
    ["already stale", now - STALE_CLAIM_MS - 60_000, 1],
  ])("%s is retried once it could have gone stale (plus a second)", (_name, claimedAt, seconds) => {
    expect(secondsUntilStale(claimedAt, now)).toBe(seconds);
  });
});

describe("callback backoff", () => {
  it.each([
    [1, 30],
    [2, 60],
    [3, 120],
    [4, 240],
    [5, 300],
    [9, 300],
  ])("attempt %i waits %i s", (attempts, seconds) => {
    expect(callbackBackoffSeconds(attempts)).toBe(seconds);
  });
});

describe("job chunk backoff", () => {
  it.each([
    [1, 5],
    [2, 10],
    [6, 160],
    [7, 300],
    [12, 300],
  ])("attempt %i waits %i s", (attempts, seconds) => {
    expect(jobRetryDelaySeconds(attempts)).toBe(seconds);
  });
});
