/**
 * A line-based diff of two texts, for the version history: Myers' O((N+M)·D) shortest edit
 * script, after cutting off the lines both texts share at the start and the end. Edits of a
 * template are small, so D (the number of lines added and removed) is small; past `maxEdits` the
 * answer is still correct but not minimal (every old line removed, every new line added), so a
 * rewritten 100,000-character email cannot make the page slow.
 */

export type DiffLine = { kind: "same" | "removed" | "added"; text: string };
/** A run of unchanged lines left out of a shortened diff. */
export type DiffEntry = DiffLine | { kind: "skipped"; count: number };

const MAX_EDITS = 1000;

export function lineDiff(before: string, after: string, maxEdits = MAX_EDITS): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (lines: string[]): DiffLine[] => lines.map((text) => ({ kind: "same", text }));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = myers(middleA, middleB, maxEdits) ?? [
    ...middleA.map((text): DiffLine => ({ kind: "removed", text })),
    ...middleB.map((text): DiffLine => ({ kind: "added", text })),
  ];
  return [...same(a.slice(0, start)), ...middle, ...same(a.slice(endA))];
}

/** The shortest edit script from `a` to `b`, or null when it needs more than `maxEdits` edits. */
function myers(a: string[], b: string[], maxEdits: number): DiffLine[] | null {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  // v[offset + k]: the furthest x reached on diagonal k (y = x - k).
  const v = new Int32Array(2 * offset + 1);
  // trace[d]: v before round d, for the diagonals -d-1 … d+1 (all that round d and the walk back read).
  const trace: Int32Array[] = [];
  const limit = Math.min(n + m, maxEdits);
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return walkBack(trace, a, b);
    }
  }
  return null;
}

function walkBack(trace: Int32Array[], a: string[], b: string[]): DiffLine[] {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const row = trace[d] as Int32Array;
    const at = (k: number) => row[k + d + 1] ?? 0;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      out.push({ kind: "same", text: a[x - 1] ?? "" });
      x--;
      y--;
    }
    if (d > 0) out.push(x === previousX ? { kind: "added", text: b[y - 1] ?? "" } : { kind: "removed", text: a[x - 1] ?? "" });
    x = previousX;
    y = previousY;
  }
  return out.reverse();
}

/** The diff with long runs of unchanged lines left out, keeping `context` lines around each change. */
export function withContext(lines: DiffLine[], context = 2): DiffEntry[] {
  const changed = lines.map((line) => line.kind !== "same");
  const keep = lines.map((_, index) => {
    for (let near = Math.max(0, index - context); near <= Math.min(lines.length - 1, index + context); near++) {
      if (changed[near]) return true;
    }
    return false;
  });
  const out: DiffEntry[] = [];
  let skipped = 0;
  for (const [index, line] of lines.entries()) {
    if (keep[index]) {
      if (skipped > 0) out.push({ kind: "skipped", count: skipped });
      skipped = 0;
      out.push(line);
    } else skipped++;
  }
  if (skipped > 0) out.push({ kind: "skipped", count: skipped });
  return out;
}
