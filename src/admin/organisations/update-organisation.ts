/**
 * Changing an organisation's name or send rate. Only fields whose value really changes are written
 * and audited (`organisation.update`, details {field: {from, to}}); a request that changes nothing
 * returns the organisation as it is, without an audit row. The caller makes a changed send rate
 * take effect (send-rate-change.ts): the database row alone does not reach the OrgGate.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { organisations } from "../../db/schema";
import { auditInsert, type ChangeMeta } from "../audit";
import { runUniqueBatch } from "../shared/batch";
import { changedFields, requireSomeField } from "../shared/changes";
import { findOrganisation, type OrganisationRow } from "../shared/lookup";
import { duplicateOrganisationName, type OrganisationObject, organisationObject } from "./create-organisation";

export interface OrganisationChanges {
  name?: string | undefined;
  /** null: back to the deployment default (DEFAULT_ORG_SEND_RATE). */
  send_rate_per_minute?: number | null | undefined;
}

export interface OrganisationUpdate {
  organisation: OrganisationObject;
  /** Whether the send rate changed, so the caller must tell the OrgGate. */
  sendRateChanged: boolean;
}

const EDITABLE = ["name", "send_rate_per_minute"] as const;

export async function updateOrganisation(
  db: Db,
  organisationId: string,
  changes: OrganisationChanges,
  meta: ChangeMeta,
): Promise<OrganisationUpdate> {
  requireSomeField(changes);
  const current = await findOrganisation(db, organisationId);
  const changed = changedFields(organisationObject(current), changes, EDITABLE);
  if (Object.keys(changed).length === 0) return { organisation: organisationObject(current), sendRateChanged: false };

  const name = changes.name ?? current.name;
  // Renaming to another case of its own name ("gemeente x" → "Gemeente X") is allowed.
  if (changed.name && (await nameTaken(db, name, current.id))) throw duplicateOrganisationName(name);
  const next: OrganisationRow = {
    ...current,
    name,
    sendRatePerMinute: changes.send_rate_per_minute === undefined ? current.sendRatePerMinute : changes.send_rate_per_minute,
  };
  await runUniqueBatch(
    db,
    [
      db.update(organisations).set({ name: next.name, sendRatePerMinute: next.sendRatePerMinute }).where(eq(organisations.id, current.id)),
      auditInsert(db, meta, {
        action: "organisation.update",
        organisationId: current.id,
        serviceId: null,
        targetType: "organisation",
        targetId: current.id,
        details: changed,
      }),
    ],
    () => duplicateOrganisationName(name),
  );
  return { organisation: organisationObject(next), sendRateChanged: changed.send_rate_per_minute !== undefined };
}

async function nameTaken(db: Db, name: string, exceptId: string): Promise<boolean> {
  const row = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(sql`lower(${organisations.name}) = lower(${name})`, ne(organisations.id, exceptId)))
    .get();
  return row !== undefined;
}
