/**
 * Adding a team member: a recipient that team keys, and every key of a service in trial mode, may
 * send to. Stored normalised (email lower-case, phone E.164) so recipients match exactly.
 */
import { and, eq, or, type SQL } from "drizzle-orm";
import * as v from "valibot";
import type { Db } from "../../db/database";
import { teamMembers } from "../../db/schema";
import { Errors } from "../../errors";
import { formatTimestamp } from "../../lib/time";
import { auditInsert, type ChangeMeta } from "../audit";
import { runBatch } from "../shared/batch";
import type { ServiceRow } from "../shared/lookup";
import { id, timestamp } from "../shared/object-fields";

export type TeamMemberRow = typeof teamMembers.$inferSelect;

export interface NewTeamMember {
  /** Lower-cased email address. */
  email_address?: string | undefined;
  /** E.164 phone number. */
  phone_number?: string | undefined;
}

export const TeamMemberObject = v.object({
  id,
  service_id: id,
  email_address: v.nullable(v.string()),
  phone_number: v.pipe(v.nullable(v.string()), v.description("E.164, e.g. +31612345678")),
  created_at: timestamp,
});
export type TeamMemberObject = v.InferOutput<typeof TeamMemberObject>;

export function teamMemberObject(row: TeamMemberRow): TeamMemberObject {
  return {
    id: row.id,
    service_id: row.serviceId,
    email_address: row.emailAddress,
    phone_number: row.phoneNumber,
    created_at: formatTimestamp(row.createdAt),
  };
}

export async function createTeamMember(
  db: Db,
  service: Pick<ServiceRow, "id" | "organisationId">,
  input: NewTeamMember,
  meta: ChangeMeta,
): Promise<TeamMemberObject> {
  if (input.email_address === undefined && input.phone_number === undefined) {
    throw Errors.validation(["email_address or phone_number is a required property"]);
  }
  const matches: SQL[] = [];
  if (input.email_address !== undefined) matches.push(eq(teamMembers.emailAddress, input.email_address));
  if (input.phone_number !== undefined) matches.push(eq(teamMembers.phoneNumber, input.phone_number));
  const duplicate = await db
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .where(and(eq(teamMembers.serviceId, service.id), or(...matches)))
    .get();
  if (duplicate) throw Errors.badRequest("This email address or phone number is already a team member of this service");

  const row: TeamMemberRow = {
    id: crypto.randomUUID(),
    serviceId: service.id,
    emailAddress: input.email_address ?? null,
    phoneNumber: input.phone_number ?? null,
    createdAt: meta.at,
  };
  await runBatch(db, [
    db.insert(teamMembers).values(row),
    auditInsert(db, meta, {
      action: "team_member.create",
      organisationId: service.organisationId,
      serviceId: service.id,
      targetType: "team_member",
      targetId: row.id,
      // Personal data stays out of the audit log: only which channels the member has.
      details: { has_email_address: row.emailAddress !== null, has_phone_number: row.phoneNumber !== null },
    }),
  ]);
  return teamMemberObject(row);
}
