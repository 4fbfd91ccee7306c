/** The version history's line diff (src/console/templates/line-diff.ts) and field comparison (version-changes.ts). */
import { describe, expect, it } from "vitest";
import { lineDiff, withContext } from "../../../src/console/templates/line-diff";
import { versionChanges } from "../../../src/console/templates/version-changes";

const marks = (before: string, after: string, maxEdits?: number) =>
  lineDiff(before, after, maxEdits).map((line) => `${{ same: " ", removed: "-", added: "+" }[line.kind]}${line.text}`);

describe("line diff", () => {
  it("keeps unchanged lines and marks a changed line as removed and added", () => {
    expect(marks("a\nb\nc", "a\nB\nc")).toEqual([" a", "-b", "+B", " c"]);
  });

  it("finds the shortest edit: an inserted and a deleted line in a longer text", () => {
    expect(marks("a\nb\nc\nd\ne", "a\nx\nb\nc\ne")).toEqual([" a", "+x", " b", " c", "-d", " e"]);
  });

  it("handles empty texts on either side", () => {
    expect(marks("", "a")).toEqual(["-", "+a"]);
    expect(marks("a\nb", "a\nb")).toEqual([" a", " b"]);
  });

  it("past the edit limit still answers a correct (not minimal) diff", () => {
    const before = Array.from({ length: 50 }, (_, i) => `old ${i}`).join("\n");
    const after = Array.from({ length: 50 }, (_, i) => `new ${i}`).join("\n");
    const lines = lineDiff(before, after, 5);
    expect(lines.filter((line) => line.kind === "removed").map((line) => line.text)).toEqual(before.split("\n"));
    expect(lines.filter((line) => line.kind === "added").map((line) => line.text)).toEqual(after.split("\n"));
  });

  it("shortens long unchanged stretches, keeping two lines around a change", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const after = [...before];
    after[10] = "changed";
    const entries = withContext(lineDiff(before.join("\n"), after.join("\n")));
    // Lines 0-7 left out before the change; after it (a removed and an added line), lines 13-19.
    expect(entries[0]).toEqual({ kind: "skipped", count: 8 });
    expect(entries.at(-1)).toEqual({ kind: "skipped", count: 7 });
    expect(entries.filter((entry) => entry.kind !== "skipped")).toHaveLength(6);
  });
});

describe("version changes", () => {
  it("names only the fields that changed", () => {
    const v1 = { name: "A", subject: "S", body: "x", priority: "normal" as const };
    expect(versionChanges(v1, { ...v1, priority: "bulk" })).toEqual({ priority: { from: "normal", to: "bulk" } });
    expect(Object.keys(versionChanges(v1, { ...v1, name: "B", body: "y" }))).toEqual(["name", "body"]);
  });
});
