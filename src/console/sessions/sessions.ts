/**
 * Console sign-in sessions in D1. The browser holds a random 256-bit token; the table holds its
 * SHA-256, so a copy of the database signs nobody in. A session ends after 30 minutes without a
 * request (idle) and 12 hours after sign-in (absolute), whichever comes first; signing out ends
 * it, and "sign out everywhere", a password change or removal from the team ends all of a user's.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/database";
import { consoleSessions, users } from "../../db/schema";
import { randomToken, sha256Hex } from "../../lib/crypto";

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** lastSeenAt is written at most this often, so browsing costs no write per page. */
const TOUCH_EVERY_MS = 60_000;

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof consoleSessions.$inferSelect;

export interface SignedIn {
  user: UserRow;
  session: SessionRow;
}

export interface NewSession {
  /** For the cookie; never stored. */
  token: string;
  csrfToken: string;
}

export async function startSession(db: Db, userId: string, now: number): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  await db.insert(consoleSessions).values({
    tokenHash: await sha256Hex(token),
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + ABSOLUTE_TIMEOUT_MS,
  });
  return { token, csrfToken };
}

/** The session and its user for a cookie token; null when unknown, expired, idle too long or the user was removed. */
export async function resumeSession(db: Db, token: string, now: number): Promise<SignedIn | null> {
  if (token.length > 64) return null;
  const tokenHash = await sha256Hex(token);
  const [found] = await db
    .select({ session: consoleSessions, user: users })
    .from(consoleSessions)
    .innerJoin(users, eq(users.id, consoleSessions.userId))
    .where(
      and(
        eq(consoleSessions.tokenHash, tokenHash),
        gt(consoleSessions.expiresAt, now),
        gt(consoleSessions.lastSeenAt, now - IDLE_TIMEOUT_MS),
        isNull(users.removedAt),
      ),
    )
    .limit(1);
  if (!found) return null;
  if (now - found.session.lastSeenAt >= TOUCH_EVERY_MS) {
    await db.update(consoleSessions).set({ lastSeenAt: now }).where(eq(consoleSessions.tokenHash, tokenHash));
    found.session.lastSeenAt = now;
  }
  return found;
}

/** The statement that ends one session, for a batch with its audit row. */
export function endSessionStatement(db: Db, session: Pick<SessionRow, "tokenHash">) {
  return db.delete(consoleSessions).where(eq(consoleSessions.tokenHash, session.tokenHash));
}

/** The statement that ends every session of a user, for a batch with the change that requires it. */
export function endAllSessionsStatement(db: Db, userId: string) {
  return db.delete(consoleSessions).where(eq(consoleSessions.userId, userId));
}
