/**
 * Removing a team member (AVG: staff contact details are deleted, not kept, once someone leaves).
 * The audit row names the member by id only, like the rest of the audit trail.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { teamMembers } from "../../db/schema";
import { Errors } from "../../errors";
import { isUuid } from "../../lib/ids";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";

export async function removeTeamMember(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  memberId: string,
  meta: ChangeMeta,
): Promise<void> {
  const member = isUuid(memberId)
    ? await db
        .select({ id: teamMembers.id })
        .from(teamMembers)
        .where(and(eq(teamMembers.id, memberId.toLowerCase()), eq(teamMembers.serviceId, service.id)))
        .get()
    : undefined;
  if (!member) throw Errors.notFound("Team member not found");
  await runBatch(db, [
    db.delete(teamMembers).where(eq(teamMembers.id, member.id)),
    auditInsert(db, meta, {
      action: "team_member.delete",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "team_member",
      targetId: member.id,
      details: {},
    }),
  ]);
}
