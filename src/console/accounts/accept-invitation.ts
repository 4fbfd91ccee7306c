/**
 * Accepting an invitation (invitations.ts). Someone without an account chooses a name and a
 * password and sets up the second factor with the TOTP secret the page offered (kept, encrypted,
 * on the invitation until it is accepted); someone who already has an account in the same
 * organisation signs in and is added to the team. Each acceptance is one D1 batch guarded by
 * "the invitation is still open", so a double submit or a second tab accepts once.
 */
import { eq, type SQL, sql } from "drizzle-orm";
import { auditInsertIf } from "../../admin/audit";
import type { ServiceRow } from "../../admin/shared/lookup";
import type { Services } from "../../app/services";
import type { Db } from "../../db/database";
import { insertIf } from "../../db/insert-if";
import { invitations, services, serviceUsers, users } from "../../db/schema";
import { Errors } from "../../errors";
import { isRandomToken, sha256Hex } from "../../lib/crypto";
import type { UserRow } from "../sessions/sessions";
import type { InvitationRow } from "./invitations";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./passwords";
import { acceptedStep, newTotpSecret } from "./totp";

export const MAX_NAME_LENGTH = 100;

interface Found {
  invitation: InvitationRow;
  service: ServiceRow;
}

/** What an invitation link leads to. */
export type InvitationState =
  | { kind: "unknown" }
  | ({ kind: "expired" | "cancelled" | "accepted" } & Found)
  /** The address has an account in another organisation (made after the invitation was sent). */
  | ({ kind: "not_usable" } & Found)
  /** The address has an account in this organisation: sign in as that user, then accept. */
  | ({ kind: "existing_account"; user: UserRow } & Found)
  /** No account yet, or one that was removed from the organisation and is made anew. */
  | ({ kind: "new_account"; removedUser: UserRow | null } & Found);

interface Meta {
  requestId: string | null;
  at: number;
}

export type AcceptResult = { ok: true; userId: string; serviceId: string } | { ok: false; reason: "wrong_code" | "closed" };

export async function invitationForToken(db: Db, token: string, at: number): Promise<InvitationState> {
  if (!isRandomToken(token)) return { kind: "unknown" };
  const [found] = await db
    .select({ invitation: invitations, service: services })
    .from(invitations)
    .innerJoin(services, eq(services.id, invitations.serviceId))
    .where(eq(invitations.tokenHash, await sha256Hex(token)))
    .limit(1);
  if (!found) return { kind: "unknown" };
  const { invitation } = found;
  if (invitation.acceptedAt !== null) return { kind: "accepted", ...found };
  if (invitation.cancelledAt !== null) return { kind: "cancelled", ...found };
  if (invitation.expiresAt <= at) return { kind: "expired", ...found };
  const [user] = await db.select().from(users).where(eq(users.emailAddress, invitation.emailAddress)).limit(1);
  if (user && user.organisationId !== invitation.organisationId) return { kind: "not_usable", ...found };
  if (user && user.removedAt === null) return { kind: "existing_account", user, ...found };
  return { kind: "new_account", removedUser: user ?? null, ...found };
}

/**
 * The TOTP secret the acceptance page offers: made and stored (encrypted) the first time the page
 * is shown, the same one after that, so a reload or a second tab shows the code the app has.
 */
export async function offeredTotpSecret(deps: Pick<Services, "db" | "secrets">, invitation: InvitationRow): Promise<string> {
  if (invitation.pendingTotpSecretEncrypted !== null) return deps.secrets.decrypt(invitation.pendingTotpSecretEncrypted);
  const encrypted = await deps.secrets.encrypt(newTotpSecret());
  await deps.db
    .update(invitations)
    .set({ pendingTotpSecretEncrypted: encrypted })
    .where(sql`${invitations.id} = ${invitation.id} AND ${invitations.pendingTotpSecretEncrypted} IS NULL`);
  const [stored] = await deps.db
    .select({ secret: invitations.pendingTotpSecretEncrypted })
    .from(invitations)
    .where(eq(invitations.id, invitation.id));
  return deps.secrets.decrypt(stored?.secret ?? encrypted);
}

function openCondition(invitation: InvitationRow, at: number): SQL {
  return sql`EXISTS (SELECT 1 FROM invitations WHERE id = ${invitation.id}
    AND accepted_at IS NULL AND cancelled_at IS NULL AND expires_at > ${at})`;
}

function acceptStatement(db: Db, invitation: InvitationRow, at: number, condition: SQL) {
  return db
    .update(invitations)
    .set({ acceptedAt: at, pendingTotpSecretEncrypted: null })
    .where(sql`${invitations.id} = ${invitation.id} AND ${condition}`)
    .returning({ id: invitations.id });
}

function auditAccept(db: Db, invitation: InvitationRow, userId: string, newAccount: boolean, meta: Meta, condition: SQL) {
  return auditInsertIf(
    db,
    { actor: invitation.emailAddress, requestId: meta.requestId, at: meta.at },
    {
      action: "user.invitation_accept",
      organisationId: invitation.organisationId,
      serviceId: invitation.serviceId,
      targetType: "user",
      targetId: userId,
      details: { invitation_id: invitation.id, permissions: invitation.permissions, new_account: newAccount },
    },
    condition,
  );
}

export interface NewAccount {
  name: string;
  password: string;
  /** The code from the authenticator app, proving it holds the offered secret. */
  code: string;
}

export async function acceptAsNewAccount(
  deps: Pick<Services, "db" | "secrets">,
  state: Extract<InvitationState, { kind: "new_account" }>,
  input: NewAccount,
  meta: Meta,
): Promise<AcceptResult> {
  const { db } = deps;
  const { invitation, removedUser } = state;
  const name = input.name.trim();
  if (name === "" || name.length > MAX_NAME_LENGTH) throw Errors.validation([`name must be 1 to ${MAX_NAME_LENGTH} characters long`]);
  if (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > MAX_PASSWORD_LENGTH) {
    throw Errors.validation([`password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long`]);
  }
  if (invitation.pendingTotpSecretEncrypted === null) return { ok: false, reason: "wrong_code" };
  const step = acceptedStep(await deps.secrets.decrypt(invitation.pendingTotpSecretEncrypted), input.code.slice(0, 32), meta.at, 0);
  if (step === null) return { ok: false, reason: "wrong_code" };

  const account = {
    name,
    passwordHash: await hashPassword(input.password),
    totpSecretEncrypted: invitation.pendingTotpSecretEncrypted,
    // The code just typed counts as used: it cannot also sign in.
    totpLastStep: step,
    failedSignIns: 0,
    lockedUntil: null,
    removedAt: null,
  };
  const userId = removedUser?.id ?? crypto.randomUUID();
  const open = openCondition(invitation, meta.at);
  const makeAccount = removedUser
    ? db
        .update(users)
        .set({ ...account, passwordChangedAt: meta.at })
        .where(sql`${users.id} = ${userId} AND ${users.removedAt} IS NOT NULL AND ${open}`)
    : insertIf(
        db,
        users,
        {
          id: userId,
          organisationId: invitation.organisationId,
          emailAddress: invitation.emailAddress,
          ...account,
          createdAt: meta.at,
          passwordChangedAt: null,
        },
        sql`${open} AND NOT EXISTS (SELECT 1 FROM users WHERE email_address = ${invitation.emailAddress})`,
      );
  // After makeAccount: the account exists and is active only when this batch made it so.
  const made = sql`${open} AND EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND removed_at IS NULL)`;
  const results = await db.batch([
    makeAccount,
    auditAccept(db, invitation, userId, true, meta, made),
    insertIf(db, serviceUsers, { userId, serviceId: invitation.serviceId, permissions: invitation.permissions, createdAt: meta.at }, made),
    acceptStatement(db, invitation, meta.at, made),
  ]);
  return results[3].length === 1 ? { ok: true, userId, serviceId: invitation.serviceId } : { ok: false, reason: "closed" };
}

/** Adds the signed-in user, who has the invited address, to the team. */
export async function acceptAsExistingAccount(
  db: Db,
  state: Extract<InvitationState, { kind: "existing_account" }>,
  signedInUser: Pick<UserRow, "id">,
  meta: Meta,
): Promise<AcceptResult> {
  const { invitation, user } = state;
  if (signedInUser.id !== user.id) throw Errors.notFound("Invitation not found");
  const open = openCondition(invitation, meta.at);
  const notMember = sql`NOT EXISTS (SELECT 1 FROM service_users WHERE user_id = ${user.id} AND service_id = ${invitation.serviceId})`;
  const results = await db.batch([
    auditAccept(db, invitation, user.id, false, meta, open),
    insertIf(
      db,
      serviceUsers,
      { userId: user.id, serviceId: invitation.serviceId, permissions: invitation.permissions, createdAt: meta.at },
      sql`${open} AND ${notMember}`,
    ),
    acceptStatement(db, invitation, meta.at, open),
  ]);
  return results[2].length === 1 ? { ok: true, userId: user.id, serviceId: invitation.serviceId } : { ok: false, reason: "closed" };
}
