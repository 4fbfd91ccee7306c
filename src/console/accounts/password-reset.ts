/**
 * Resetting a forgotten password. Asking for a reset gives the same answer whether or not the
 * address has an account; for an active account it stores the SHA-256 of a random token (valid
 * for an hour, at most three requests per hour) and emails the link. Setting the new password
 * needs the link AND a code from the authenticator app, so a reset never bypasses the second
 * factor: wrong codes count as failed sign-ins (src/console/accounts/sign-in.ts), and the attempt
 * that locks the account also ends its open reset links. A successful reset is one D1 batch:
 * the new hash, the token and every other open link used, all sessions ended, the lock lifted.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { auditInsert, auditInsertIf } from "../../admin/audit";
import type { Services } from "../../app/services";
import { insertIf } from "../../db/insert-if";
import { passwordResets, users } from "../../db/schema";
import { isRandomToken, randomToken, sha256Hex } from "../../lib/crypto";
import { log } from "../../lib/log";
import { endAllSessionsStatement, type UserRow } from "../sessions/sessions";
import { type ConsoleEmailDeps, sendConsoleEmail } from "./console-email";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./passwords";
import { countFailedAttempt, findActiveUser, LOCK_OUT_MS } from "./sign-in";
import { acceptedStep } from "./totp";

export const RESET_VALID_MS = 60 * 60_000;
/** Requests per user in the last hour (used or not) beyond which nothing is sent. */
export const MAX_RESETS_PER_HOUR = 3;

export interface ResetMeta {
  requestId: string;
  at: number;
}

/** Where the link points: `${origin}/wachtwoord-herstellen/${token}`. */
export function resetLink(origin: string, token: string): string {
  return `${origin}/wachtwoord-herstellen/${token}`;
}

function resetEmailBody(link: string): string {
  return [
    "Hallo,",
    "U hebt gevraagd om een nieuw wachtwoord voor NotifyNL. Via de link hieronder kiest u een nieuw wachtwoord. U hebt daarbij ook de code uit uw app voor inloggen nodig.",
    link,
    "De link werkt 1 uur en maar 1 keer.",
    "Hebt u dit niet zelf gevraagd? Dan hoeft u niets te doen. Uw wachtwoord blijft hetzelfde.",
  ].join("\n\n");
}

/**
 * Asks for a reset link for `emailAddress`. Returns nothing: the caller shows the same page
 * whatever happened. Unknown and removed accounts, and accounts over the hourly limit, get no email.
 */
export async function requestPasswordReset(
  deps: Pick<Services, "db"> & ConsoleEmailDeps,
  input: { emailAddress: string; origin: string },
  meta: ResetMeta,
): Promise<void> {
  const user = await findActiveUser(deps.db, input.emailAddress);
  // The token and its hash are made either way, so both paths do the same work up to the write.
  const token = randomToken();
  const tokenHash = await sha256Hex(token);
  if (!user) {
    log.info("console_password_reset_request", { request_id: meta.requestId, outcome: "unknown_account" });
    return;
  }

  // Insert and audit row on one condition, in one batch: two requests at once cannot both pass the limit.
  const underLimit = sql`(SELECT count(*) FROM password_resets WHERE user_id = ${user.id} AND created_at > ${meta.at - RESET_VALID_MS}) < ${MAX_RESETS_PER_HOUR}`;
  const [, inserted] = await deps.db.batch([
    auditInsertIf(
      deps.db,
      { actor: user.emailAddress, requestId: meta.requestId, at: meta.at },
      {
        action: "user.password_reset_request",
        organisationId: user.organisationId,
        serviceId: null,
        targetType: "user",
        targetId: user.id,
      },
      underLimit,
    ),
    insertIf(
      deps.db,
      passwordResets,
      { tokenHash, userId: user.id, createdAt: meta.at, expiresAt: meta.at + RESET_VALID_MS, usedAt: null },
      underLimit,
    ).returning({ tokenHash: passwordResets.tokenHash }),
  ]);
  if (inserted.length === 0) {
    log.info("console_password_reset_request", { request_id: meta.requestId, outcome: "over_limit" });
    return;
  }
  const link = resetLink(input.origin, token);
  await sendConsoleEmail(
    deps,
    { purpose: "password_reset", to: user.emailAddress, subject: "Nieuw wachtwoord voor NotifyNL", body: resetEmailBody(link), link },
    meta.requestId,
  );
}

export type ResetLinkState = { state: "open"; user: UserRow; tokenHash: string } | { state: "unknown" | "expired" | "used" };

/** What a reset link is: open (with its user), or unknown (also: malformed, removed user), expired or used. */
export async function findResetLink(db: Services["db"], token: string, at: number): Promise<ResetLinkState> {
  if (!isRandomToken(token)) return { state: "unknown" };
  const tokenHash = await sha256Hex(token);
  const [found] = await db
    .select({ reset: passwordResets, user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(users.removedAt)))
    .limit(1);
  if (!found) return { state: "unknown" };
  if (found.reset.usedAt !== null) return { state: "used" };
  if (found.reset.expiresAt <= at) return { state: "expired" };
  return { state: "open", user: found.user, tokenHash };
}

export interface ResetAttempt {
  token: string;
  password: string;
  code: string;
}

export type ResetResult =
  | { ok: true }
  | { ok: false; problem: "link"; state: "unknown" | "expired" | "used" }
  | { ok: false; problem: "password" }
  /** `linkEnded`: this wrong code locked the account, and the link no longer works. */
  | { ok: false; problem: "code"; linkEnded: boolean };

/** Sets the new password when the link is open, the password long enough and the code right. */
export async function completePasswordReset(
  deps: Pick<Services, "db" | "secrets">,
  attempt: ResetAttempt,
  meta: ResetMeta,
): Promise<ResetResult> {
  const link = await findResetLink(deps.db, attempt.token, meta.at);
  if (link.state !== "open") return { ok: false, problem: "link", state: link.state };
  if (attempt.password.length < MIN_PASSWORD_LENGTH || attempt.password.length > MAX_PASSWORD_LENGTH) {
    return { ok: false, problem: "password" };
  }
  const { user, tokenHash } = link;
  const auditMeta = { actor: user.emailAddress, requestId: meta.requestId, at: meta.at };
  const audit = { organisationId: user.organisationId, serviceId: null, targetType: "user", targetId: user.id };
  const step = acceptedStep(await deps.secrets.decrypt(user.totpSecretEncrypted), attempt.code.slice(0, 32), meta.at, user.totpLastStep);
  if (step === null) {
    return { ok: false, problem: "code", linkEnded: await recordWrongCode(deps.db, user, meta) };
  }

  const passwordHash = await hashPassword(attempt.password);
  // The token is used once and the code's step once, even when the form is posted twice at once:
  // the audit row and the password change share this condition, and what follows runs only if
  // the new hash is in place. Ending the sessions is unconditional: the batch can only lose to a
  // concurrent use of this user's link or code, and ending sessions then is the safe side.
  const tokenOpen = sql`EXISTS (SELECT 1 FROM password_resets WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > ${meta.at})`;
  const codeUnused = sql`EXISTS (SELECT 1 FROM users WHERE id = ${user.id} AND totp_last_step < ${step} AND removed_at IS NULL)`;
  const changed = sql`EXISTS (SELECT 1 FROM users WHERE id = ${user.id} AND password_hash = ${passwordHash})`;
  const [, updated] = await deps.db.batch([
    auditInsertIf(deps.db, auditMeta, { ...audit, action: "user.password_reset" }, sql`${tokenOpen} AND ${codeUnused}`),
    deps.db
      .update(users)
      .set({ passwordHash, passwordChangedAt: meta.at, totpLastStep: step, failedSignIns: 0, lockedUntil: null })
      .where(and(eq(users.id, user.id), sql`${users.totpLastStep} < ${step}`, isNull(users.removedAt), tokenOpen))
      .returning({ id: users.id }),
    deps.db
      .update(passwordResets)
      .set({ usedAt: meta.at })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt), changed)),
    endAllSessionsStatement(deps.db, user.id),
  ]);
  if (updated.length === 0) return { ok: false, problem: "link", state: "used" };
  return { ok: true };
}

/**
 * A wrong code counts as a failed sign-in; the attempt that locks the account also uses up every
 * open reset link of the user, so guessing codes needs a new link (at most three an hour). True
 * when this attempt locked the account.
 */
async function recordWrongCode(db: Services["db"], user: UserRow, meta: ResetMeta): Promise<boolean> {
  const lockUntil = meta.at + LOCK_OUT_MS;
  const justLocked = sql`EXISTS (SELECT 1 FROM users WHERE id = ${user.id} AND locked_until = ${lockUntil} AND failed_sign_ins = 0)`;
  const [after] = await db.batch([
    countFailedAttempt(db, user.id, meta.at),
    db
      .update(passwordResets)
      .set({ usedAt: meta.at })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, meta.at), justLocked)),
  ]);
  const locked = after[0]?.lockedUntil === lockUntil;
  await auditInsert(
    db,
    { actor: user.emailAddress, requestId: meta.requestId, at: meta.at },
    {
      action: "user.password_reset_failed",
      organisationId: user.organisationId,
      serviceId: null,
      targetType: "user",
      targetId: user.id,
      details: { locked },
    },
  );
  return locked;
}
