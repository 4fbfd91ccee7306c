/**
 * src/notifications/render/*: rendering is linear in caller text. Each pathological value costs at
 * most a small multiple of a benign value of the same length, measured in the same test (machines
 * differ, ratios do not). The pathological inputs are the ones that made the old regexes quadratic.
 */
import { describe, expect, it } from "vitest";
import { renderEmail, sanitiseMarkdown } from "../../src/notifications/render/email";
import { parseMarkdown } from "../../src/notifications/render/markdown";
import { renderSms } from "../../src/notifications/render/sms";

const SIZE = 60_000;

/** Median of a few runs, in ms. */
function time(work: () => unknown): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    work();
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[2] ?? 0;
}

/** Cost of the pathological input over a benign one of the same size (at least 1 ms of benign work). */
function ratio(hostile: string, benign: string, render: (value: string) => unknown): number {
  expect(hostile.length).toBe(benign.length);
  return (
    time(() => render(hostile)) /
    Math.max(
      1,
      time(() => render(benign)),
    )
  );
}

const benign = "woord ".repeat(SIZE / 6);
const sms = (value: string) => renderSms("Beste ((naam)), uw afspraak.", { naam: value });
const email = (value: string) => renderEmail({ subject: "Afspraak", body: "Beste ((naam))" }, { naam: value });

describe("pathological personalisation renders in linear time", () => {
  it.each([
    ["a run of spaces before a comma (SMS clean-up)", `${" ".repeat(SIZE - 2)}x,`, sms],
    ["a run of `[` (markdown link text)", "[".repeat(SIZE), email],
    ["a heading with a run of spaces inside", `# a${" ".repeat(SIZE - 4)}b`, (v: string) => parseMarkdown(v)],
    ["a bare URL ending in a run of `)`", `https://x.nl/${")".repeat(SIZE - 13)}`, email],
    ["a run of `-a` (URL matcher of sanitise_content_for)", "-a".repeat(SIZE / 2), sanitiseMarkdown],
  ])("%s", (_name, hostile, render) => {
    expect(ratio(hostile, benign, render)).toBeLessThan(20);
  });
});
