/**
 * Signing in with email address, password and a TOTP code, all on one form. Whatever is wrong
 * (an unknown address, the password, the code, a locked account) the answer is the same, and an
 * unknown address costs the same PBKDF2 work, so the form reveals nothing about which accounts
 * exist. Five wrong attempts lock the account for 15 minutes; a successful sign-in clears the count.
 * Every attempt on an existing account is in the audit log.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { auditInsert, auditInsertIf } from "../../admin/audit";
import type { Services } from "../../app/services";
import { users } from "../../db/schema";
import { log } from "../../lib/log";
import { validateEmailAddress } from "../../notifications/recipients";
import type { UserRow } from "../sessions/sessions";
import { decoyPasswordHash, MAX_PASSWORD_LENGTH, verifyPassword } from "./passwords";
import { acceptedStep } from "./totp";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_OUT_MS = 15 * 60_000;

export interface SignInAttempt {
  emailAddress: string;
  password: string;
  code: string;
}

export type SignInResult = { ok: true; user: UserRow } | { ok: false };

/** The address as invitations store it (validateEmailAddress's normal form); anything invalid names no account. */
function normaliseEmail(emailAddress: string): string | null {
  const checked = validateEmailAddress(emailAddress.slice(0, 320));
  return checked.ok ? checked.normalised : null;
}

export async function findActiveUser(db: Services["db"], emailAddress: string): Promise<UserRow | undefined> {
  const normalised = normaliseEmail(emailAddress);
  if (normalised === null) return undefined;
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.emailAddress, normalised), isNull(users.removedAt)))
    .limit(1);
  return user;
}

export async function signIn(
  deps: Pick<Services, "db" | "secrets">,
  attempt: SignInAttempt,
  meta: { requestId: string; at: number },
): Promise<SignInResult> {
  const user = await findActiveUser(deps.db, attempt.emailAddress);
  const password = attempt.password.slice(0, MAX_PASSWORD_LENGTH);
  if (!user) {
    await verifyPassword(password, await decoyPasswordHash());
    log.info("console_sign_in_failed", { request_id: meta.requestId, reason: "unknown_account" });
    return { ok: false };
  }
  const passwordOk = await verifyPassword(password, user.passwordHash);
  const step = acceptedStep(await deps.secrets.decrypt(user.totpSecretEncrypted), attempt.code.slice(0, 32), meta.at, user.totpLastStep);
  const locked = user.lockedUntil !== null && user.lockedUntil > meta.at;
  const auditMeta = { actor: user.emailAddress, requestId: meta.requestId, at: meta.at };
  const audit = { organisationId: user.organisationId, serviceId: null, targetType: "user", targetId: user.id };

  if (passwordOk && step !== null && !locked) {
    // Guarded by the step, so one code cannot sign in twice, even in two requests at once; the
    // audit row is written under the same condition, in the same batch.
    const unused = sql`EXISTS (SELECT 1 FROM users WHERE id = ${user.id} AND totp_last_step < ${step})`;
    const [, signedIn] = await deps.db.batch([
      auditInsertIf(deps.db, auditMeta, { ...audit, action: "user.sign_in" }, unused),
      deps.db
        .update(users)
        .set({ failedSignIns: 0, lockedUntil: null, totpLastStep: step })
        .where(and(eq(users.id, user.id), sql`${users.totpLastStep} < ${step}`))
        .returning({ id: users.id }),
    ]);
    if (signedIn.length === 1) return { ok: true, user: { ...user, failedSignIns: 0, lockedUntil: null, totpLastStep: step } };
  }

  const [after] = await countFailedAttempt(deps.db, user.id, meta.at);
  const nowLocked = after?.lockedUntil === meta.at + LOCK_OUT_MS && !locked;
  await auditInsert(deps.db, auditMeta, {
    ...audit,
    action: "user.sign_in_failed",
    details: { locked: locked || nowLocked, ...(nowLocked ? { locked_until: after?.lockedUntil } : {}) },
  });
  return { ok: false };
}

/**
 * One more wrong attempt (a sign-in, or a code on the password-reset form): the fifth in a row
 * locks the account for LOCK_OUT_MS and starts the count again. Returns the new `locked_until`,
 * which is `at + LOCK_OUT_MS` exactly when this attempt locked it.
 */
export function countFailedAttempt(db: Services["db"], userId: string, at: number) {
  return db
    .update(users)
    .set({
      failedSignIns: sql`CASE WHEN ${users.failedSignIns} + 1 >= ${MAX_FAILED_SIGN_INS} THEN 0 ELSE ${users.failedSignIns} + 1 END`,
      lockedUntil: sql`CASE WHEN ${users.failedSignIns} + 1 >= ${MAX_FAILED_SIGN_INS} THEN ${at + LOCK_OUT_MS} ELSE ${users.lockedUntil} END`,
    })
    .where(eq(users.id, userId))
    .returning({ lockedUntil: users.lockedUntil });
}
