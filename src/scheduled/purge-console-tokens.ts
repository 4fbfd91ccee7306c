/**
 * Hourly: the console's used-up secrets go. Sessions past their absolute or idle expiry,
 * password resets past their hour, and invitations 30 days after they expired, were accepted or
 * were cancelled (they hold an email address, which is personal data; the audit log keeps the fact).
 */
import { and, isNotNull, lt, or } from "drizzle-orm";
import type { Services } from "../app/services";
import { IDLE_TIMEOUT_MS } from "../console/sessions/sessions";
import { consoleSessions, invitations, passwordResets } from "../db/schema";

const KEEP_INVITATIONS_MS = 30 * 86_400_000;

export interface ConsolePurgeCounts {
  sessions: number;
  passwordResets: number;
  invitations: number;
}

export async function purgeConsoleTokens({ db }: Pick<Services, "db">, now: number): Promise<ConsolePurgeCounts> {
  const before = now - KEEP_INVITATIONS_MS;
  const [sessions, resets, invites] = await db.batch([
    db
      .delete(consoleSessions)
      .where(or(lt(consoleSessions.expiresAt, now), lt(consoleSessions.lastSeenAt, now - IDLE_TIMEOUT_MS)))
      .returning({ id: consoleSessions.tokenHash }),
    db.delete(passwordResets).where(lt(passwordResets.expiresAt, now)).returning({ id: passwordResets.tokenHash }),
    db
      .delete(invitations)
      .where(
        or(
          lt(invitations.expiresAt, before),
          and(isNotNull(invitations.acceptedAt), lt(invitations.acceptedAt, before)),
          and(isNotNull(invitations.cancelledAt), lt(invitations.cancelledAt, before)),
        ),
      )
      .returning({ id: invitations.id }),
  ]);
  return { sessions: sessions.length, passwordResets: resets.length, invitations: invites.length };
}
