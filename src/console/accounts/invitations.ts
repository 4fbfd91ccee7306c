/**
 * Inviting someone to a service's team (by a team member who manages the service, or by a
 * platform administrator through the admin API). The invitation holds the address and the
 * permissions; the link in the email carries a random token of which only the SHA-256 is stored.
 * It is open for two days, until it is accepted (accept-invitation.ts) or cancelled.
 */
import { and, asc, eq, gt, isNull, type SQL, sql } from "drizzle-orm";
import { auditInsertIf, type ChangeMeta } from "../../admin/audit";
import { findServiceRow, type ServiceRow } from "../../admin/shared/lookup";
import type { Services } from "../../app/services";
import type { Db } from "../../db/database";
import { insertIf } from "../../db/insert-if";
import { type ConsolePermission, invitations, serviceUsers, users } from "../../db/schema";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { validateEmailAddress } from "../../notifications/recipients";
import { sanitiseMarkdown } from "../../notifications/render/email";
import { AccountRefusal } from "./account-refusal";
import { sendConsoleEmail } from "./console-email";
import { withView } from "./console-permissions";

export const INVITATION_VALID_MS = 2 * 24 * 60 * 60_000;

export type InvitationRow = typeof invitations.$inferSelect;
type InvitedService = Pick<ServiceRow, "id" | "organisationId" | "name">;

export interface NewInvitation {
  emailAddress: string;
  permissions: readonly string[];
}

export type InvitationDeps = Pick<Services, "db" | "providers" | "config"> & {
  /** Where the console is, e.g. https://notifynl.example: the link in the email starts with it. */
  origin: string;
};

export interface CreatedInvitation {
  invitation: InvitationRow;
  /** For the link only; never stored. */
  token: string;
  acceptUrl: string;
  /** False when the email provider did not take the email (the invitation exists all the same). */
  emailSent: boolean;
}

export function invitationUrl(origin: string, token: string): string {
  return `${origin}/uitnodiging/${token}`;
}

/** SQL: an invitation of this service for this address is open at `at`. */
function openInvitationExists(serviceId: string, emailAddress: string, at: number): SQL {
  return sql`EXISTS (SELECT 1 FROM invitations WHERE service_id = ${serviceId} AND email_address = ${emailAddress}
    AND accepted_at IS NULL AND cancelled_at IS NULL AND expires_at > ${at})`;
}

/** SQL: an active account with this address is on this service's team. */
function memberExists(serviceId: string, emailAddress: string): SQL {
  return sql`EXISTS (SELECT 1 FROM service_users JOIN users ON users.id = service_users.user_id
    WHERE service_users.service_id = ${serviceId} AND users.email_address = ${emailAddress} AND users.removed_at IS NULL)`;
}

const refusals = {
  invalidEmail: () => new AccountRefusal("invalid_email", "Not a valid email address", "email_address"),
  alreadyMember: () => new AccountRefusal("already_member", "This email address is already on this service's team"),
  alreadyInvited: () => new AccountRefusal("already_invited", "This email address already has an open invitation to this service"),
};

async function checkInvitable(db: Db, service: InvitedService, emailAddress: string, at: number): Promise<void> {
  const [account] = await db
    .select({ id: users.id, organisationId: users.organisationId, removedAt: users.removedAt })
    .from(users)
    .where(eq(users.emailAddress, emailAddress))
    .limit(1);
  // An account of another organisation is invited like anyone else, so the answer tells a
  // manager nothing about other organisations; its link says it cannot be used (accept-invitation.ts).
  if (account && account.removedAt === null) {
    const [member] = await db
      .select({ userId: serviceUsers.userId })
      .from(serviceUsers)
      .where(and(eq(serviceUsers.userId, account.id), eq(serviceUsers.serviceId, service.id)))
      .limit(1);
    if (member) throw refusals.alreadyMember();
  }
  const [open] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.serviceId, service.id), eq(invitations.emailAddress, emailAddress), openAt(at)))
    .limit(1);
  if (open) throw refusals.alreadyInvited();
}

function openAt(at: number): SQL | undefined {
  return and(isNull(invitations.acceptedAt), isNull(invitations.cancelledAt), gt(invitations.expiresAt, at));
}

function invitationEmail(service: InvitedService, link: string) {
  return {
    subject: `Uitnodiging voor ${service.name} in NotifyNL`,
    body: [
      "Hallo,",
      `U bent uitgenodigd voor het team van de dienst ${sanitiseMarkdown(service.name)} in NotifyNL. Met NotifyNL stuurt uw organisatie sms'jes en e-mails aan inwoners.`,
      "Open deze link om uw account te maken:",
      link,
      "De link werkt 2 dagen. Is hij verlopen? Vraag dan om een nieuwe uitnodiging.",
      "Had u deze uitnodiging niet verwacht? Dan hoeft u niets te doen.",
    ].join("\n\n"),
  };
}

export async function createInvitation(
  deps: InvitationDeps,
  service: InvitedService,
  input: NewInvitation,
  meta: ChangeMeta,
): Promise<CreatedInvitation> {
  const { db } = deps;
  const checked = validateEmailAddress(input.emailAddress);
  if (!checked.ok) throw refusals.invalidEmail();
  const emailAddress = checked.normalised;
  const permissions: ConsolePermission[] = withView(input.permissions);
  await checkInvitable(db, service, emailAddress, meta.at);

  const token = randomToken();
  const invitation: InvitationRow = {
    id: crypto.randomUUID(),
    organisationId: service.organisationId,
    serviceId: service.id,
    emailAddress,
    permissions,
    tokenHash: await sha256Hex(token),
    invitedBy: meta.actor,
    pendingTotpSecretEncrypted: null,
    createdAt: meta.at,
    expiresAt: meta.at + INVITATION_VALID_MS,
    acceptedAt: null,
    cancelledAt: null,
  };
  // Checked above for a clear message; guarded here so two invitations sent at once make one.
  const invitable = sql`NOT ${openInvitationExists(service.id, emailAddress, meta.at)} AND NOT ${memberExists(service.id, emailAddress)}`;
  const [, inserted] = await db.batch([
    auditInsertIf(
      db,
      meta,
      {
        action: "user.invite",
        organisationId: service.organisationId,
        serviceId: service.id,
        targetType: "invitation",
        targetId: invitation.id,
        // Never the address: personal data stays out of the audit log.
        details: { permissions },
      },
      invitable,
    ),
    insertIf(db, invitations, invitation, invitable).returning({ id: invitations.id }),
  ]);
  if (inserted.length === 0) throw refusals.alreadyInvited();

  const acceptUrl = invitationUrl(deps.origin, token);
  const email = invitationEmail(service, acceptUrl);
  const emailSent = await sendConsoleEmail(
    deps,
    { purpose: "invitation", to: emailAddress, subject: email.subject, body: email.body, link: acceptUrl },
    meta.requestId ?? "",
  );
  return { invitation, token, acceptUrl, emailSent };
}

/** The open invitations of a service, soonest to expire first. */
export function listOpenInvitations(db: Db, serviceId: string, at: number): Promise<InvitationRow[]> {
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.serviceId, serviceId), openAt(at)))
    .orderBy(asc(invitations.expiresAt));
}

/** Cancels an invitation of this service; 404 for an id of another service, refused once accepted. */
export async function cancelInvitation(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  invitationId: string,
  meta: ChangeMeta,
): Promise<void> {
  const invitation = await findServiceRow(db, invitations, service.id, invitationId, "Invitation not found");
  if (invitation.cancelledAt !== null) return;
  if (invitation.acceptedAt !== null) throw new AccountRefusal("invitation_closed", "This invitation was accepted already");
  const cancellable = sql`EXISTS (SELECT 1 FROM invitations WHERE id = ${invitation.id} AND accepted_at IS NULL AND cancelled_at IS NULL)`;
  const [, cancelled] = await db.batch([
    auditInsertIf(
      db,
      meta,
      {
        action: "user.invitation_cancel",
        organisationId: service.organisationId,
        serviceId: service.id,
        targetType: "invitation",
        targetId: invitation.id,
      },
      cancellable,
    ),
    db
      .update(invitations)
      .set({ cancelledAt: meta.at, pendingTotpSecretEncrypted: null })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.cancelledAt)))
      .returning({ id: invitations.id }),
  ]);
  if (cancelled.length === 0) throw new AccountRefusal("invitation_closed", "This invitation was accepted already");
}
