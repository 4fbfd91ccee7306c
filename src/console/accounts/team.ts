/**
 * A service's team in the console: who is on it with which permissions, changing a member's
 * permissions and removing a member. A service always keeps a member who manages it (manage_service):
 * the change that would take away the last one is refused, guarded in the change's own D1 batch,
 * so two managers removing each other at once cannot both succeed. Removed from their last service,
 * a user's account is closed (users.removed_at) and their sessions end.
 */
import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { auditInsertIf, type ChangeMeta } from "../../admin/audit";
import type { ServiceRow } from "../../admin/shared/lookup";
import type { Db } from "../../db/database";
import { type ConsolePermission, serviceUsers, users } from "../../db/schema";
import { Errors } from "../../errors";
import { isUuid } from "../../lib/ids";
import { endAllSessionsStatement, type UserRow } from "../sessions/sessions";
import { AccountRefusal } from "./account-refusal";
import { samePermissions, withView } from "./console-permissions";

export interface TeamMember {
  userId: string;
  name: string;
  emailAddress: string;
  permissions: ConsolePermission[];
}

type TeamService = Pick<ServiceRow, "id" | "organisationId">;

function memberQuery(db: Db, service: TeamService, ...extra: SQL[]) {
  return db
    .select({ userId: users.id, name: users.name, emailAddress: users.emailAddress, permissions: serviceUsers.permissions })
    .from(serviceUsers)
    .innerJoin(users, eq(users.id, serviceUsers.userId))
    .where(
      and(eq(serviceUsers.serviceId, service.id), eq(users.organisationId, service.organisationId), isNull(users.removedAt), ...extra),
    );
}

export function listTeamMembers(db: Db, service: TeamService): Promise<TeamMember[]> {
  return memberQuery(db, service).orderBy(asc(users.name), asc(users.emailAddress));
}

/** A member of this service's team; 404 for any other id (another service's, another organisation's). */
export async function findTeamMember(db: Db, service: TeamService, userId: string): Promise<TeamMember> {
  const [member] = isUuid(userId) ? await memberQuery(db, service, eq(serviceUsers.userId, userId.toLowerCase())).limit(1) : [];
  if (!member) throw Errors.notFound("Team member not found");
  return member;
}

/** SQL: another active member of the service than `userId` may manage it. */
function otherManagerExists(serviceId: string, userId: string): SQL {
  return sql`EXISTS (SELECT 1 FROM service_users AS other JOIN users AS other_user ON other_user.id = other.user_id
    WHERE other.service_id = ${serviceId} AND other.user_id <> ${userId} AND other_user.removed_at IS NULL
    AND EXISTS (SELECT 1 FROM json_each(other.permissions) WHERE json_each.value = 'manage_service'))`;
}

function isMember(serviceId: string, userId: string): SQL {
  return sql`EXISTS (SELECT 1 FROM service_users WHERE user_id = ${userId} AND service_id = ${serviceId})`;
}

const lastManager = () =>
  new AccountRefusal("last_manager", "A service must keep at least one team member with the manage_service permission");

export async function changeMemberPermissions(
  db: Db,
  service: TeamService,
  actor: Pick<UserRow, "id">,
  userId: string,
  wanted: readonly string[],
  meta: ChangeMeta,
): Promise<TeamMember> {
  const member = await findTeamMember(db, service, userId);
  const permissions = withView(wanted);
  const dropsManager = member.permissions.includes("manage_service") && !permissions.includes("manage_service");
  if (dropsManager && member.userId === actor.id) {
    throw new AccountRefusal("own_manage_service", "You cannot take away your own manage_service permission");
  }
  if (samePermissions(member.permissions, permissions)) return member;

  const allowed = dropsManager
    ? sql`${isMember(service.id, member.userId)} AND ${otherManagerExists(service.id, member.userId)}`
    : isMember(service.id, member.userId);
  const [, changed] = await db.batch([
    auditInsertIf(
      db,
      meta,
      {
        action: "user.permissions_update",
        organisationId: service.organisationId,
        serviceId: service.id,
        targetType: "user",
        targetId: member.userId,
        details: { permissions: { from: member.permissions, to: permissions } },
      },
      allowed,
    ),
    db
      .update(serviceUsers)
      .set({ permissions })
      .where(sql`${serviceUsers.userId} = ${member.userId} AND ${serviceUsers.serviceId} = ${service.id} AND ${allowed}`)
      .returning({ userId: serviceUsers.userId }),
  ]);
  if (changed.length === 0) throw lastManager();
  return { ...member, permissions };
}

export interface Removal {
  /** True when this was the user's last service: their account is closed and their sessions ended. */
  accountClosed: boolean;
}

export async function removeTeamMember(
  db: Db,
  service: TeamService,
  actor: Pick<UserRow, "id">,
  userId: string,
  meta: ChangeMeta,
): Promise<Removal> {
  const member = await findTeamMember(db, service, userId);
  if (member.userId === actor.id) throw new AccountRefusal("remove_self", "You cannot remove yourself from a team");

  const allowed = sql`${isMember(service.id, member.userId)} AND ${otherManagerExists(service.id, member.userId)}`;
  const [, removed, closed] = await db.batch([
    auditInsertIf(
      db,
      meta,
      {
        action: "user.remove",
        organisationId: service.organisationId,
        serviceId: service.id,
        targetType: "user",
        targetId: member.userId,
        details: { permissions: member.permissions },
      },
      allowed,
    ),
    db
      .delete(serviceUsers)
      .where(sql`${serviceUsers.userId} = ${member.userId} AND ${serviceUsers.serviceId} = ${service.id} AND ${allowed}`)
      .returning({ userId: serviceUsers.userId }),
    // After the delete, in the same transaction: no team left means no account.
    db
      .update(users)
      .set({ removedAt: meta.at })
      .where(
        sql`${users.id} = ${member.userId} AND ${users.removedAt} IS NULL
          AND NOT EXISTS (SELECT 1 FROM service_users WHERE user_id = ${member.userId})`,
      )
      .returning({ id: users.id }),
  ]);
  if (removed.length === 0) throw lastManager();
  // A closed account's sessions no longer resume (resumeSession checks removed_at); this clears them.
  if (closed.length === 1) await endAllSessionsStatement(db, member.userId);
  return { accountClosed: closed.length === 1 };
}
