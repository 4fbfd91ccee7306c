/**
 * Removing a team member (AVG: staff contact details are deleted, not kept, once someone leaves).
 * The audit row names the member by id only, like the rest of the audit trail.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { teamMembers } from "../../db/schema";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import { findServiceRow, type ServiceRow } from "../shared/lookup";

export async function removeTeamMember(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  memberId: string,
  meta: ChangeMeta,
): Promise<void> {
  const member = await findServiceRow(db, teamMembers, service.id, memberId, "Team member not found");
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
