/**
 * The hostile suite's common check: a hostile request gets its answer in a small multiple of the
 * time a normal request takes (measured in the same test, since machines differ), and a normal
 * request still succeeds right after it.
 */
import { expect } from "vitest";

/** Median of three timed runs of `request`, in ms. */
async function medianMs(request: () => Promise<Response>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await (await request()).arrayBuffer();
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[1] ?? 0;
}

/** Runs `hostile` between normal requests; returns its response (body unread) for the caller's assertions. */
export async function expectContained(
  hostile: () => Promise<Response>,
  normal: () => Promise<Response>,
  { maxRatio = 25 }: { maxRatio?: number } = {},
): Promise<Response> {
  const normalMs = await medianMs(normal);
  const start = performance.now();
  const response = await hostile();
  // The answer counts as given once its body has arrived; the caller reads the clone's original.
  await response.clone().arrayBuffer();
  const hostileMs = performance.now() - start;
  // Below a few milliseconds the ratio is noise: compare with at least 5 ms.
  expect(hostileMs / Math.max(5, normalMs)).toBeLessThan(maxRatio);
  const after = await normal();
  expect(after.status).toBeLessThan(300);
  await after.arrayBuffer();
  return response;
}
