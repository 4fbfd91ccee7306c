/** Atomic multi-row writes: a D1 batch runs as one transaction, so a failed statement stores nothing. */
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/database";

/** Runs the statements in one D1 batch (all or nothing). */
export async function runBatch(db: Db, items: readonly BatchItem<"sqlite">[]): Promise<void> {
  const [first, ...rest] = items;
  if (!first) return;
  await db.batch([first, ...rest]);
}

/**
 * Whether an error is SQLite's UNIQUE constraint failure. The admin code checks for duplicates first
 * (for a clear message); this catches the rare race where two requests pass that check together.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed|SQLITE_CONSTRAINT/i.test(e.message)) return true;
  }
  return false;
}

/**
 * runBatch for writes guarded by a unique index: the admin code checks for duplicates first (for a
 * clear message), and a UNIQUE failure here means two requests passed that check together; it
 * becomes the same clear error, `conflict()`.
 */
export async function runUniqueBatch(db: Db, items: readonly BatchItem<"sqlite">[], conflict: () => Error): Promise<void> {
  try {
    await runBatch(db, items);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}
