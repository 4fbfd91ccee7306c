/** Group commit (src/lib/group-commit.ts): items arriving during a write share the next one; a failing item fails only its caller; the group size bound. */
import { describe, expect, it } from "vitest";
import { GroupCommitter } from "../../src/lib/group-commit";

describe("GroupCommitter", () => {
  it("writes items that arrive during a write together in the next write", async () => {
    const writes: number[][] = [];
    const committer = new GroupCommitter<number>(async (items) => {
      writes.push(items);
      await new Promise((r) => setTimeout(r, 20));
    });
    await Promise.all([committer.add([1]), committer.add([2]), committer.add([3, 4]), committer.add([5])]);
    expect(writes.flat().sort()).toEqual([1, 2, 3, 4, 5]);
    expect(writes.length).toBeLessThanOrEqual(2);
  });

  it("a failing item fails only its own caller", async () => {
    const committer = new GroupCommitter<number>(async (items) => {
      if (items.includes(13)) throw new Error("bad row");
    });
    const results = await Promise.allSettled([committer.add([1]), committer.add([13]), committer.add([2])]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("respects the maximum group size", async () => {
    const sizes: number[] = [];
    const committer = new GroupCommitter<number>(async (items) => void sizes.push(items.length), 3);
    await committer.add([1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(7);
  });
});
