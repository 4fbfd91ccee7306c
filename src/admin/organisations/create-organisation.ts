/** Creating an organisation (a government body, the tenant that owns services). */
import { sql } from "drizzle-orm";
import * as v from "valibot";
import type { Db } from "../../db/database";
import { organisations } from "../../db/schema";
import { Errors } from "../../errors";
import { auditInsert, type ChangeMeta } from "../audit";
import { runUniqueBatch } from "../shared/batch";
import type { OrganisationRow } from "../shared/lookup";
import { id } from "../shared/object-fields";

export interface NewOrganisation {
  name: string;
  /** Messages per minute the organisation's OrgGate hands to providers; omitted = deployment default. */
  send_rate_per_minute?: number | undefined;
}

/** The organisation object of the admin API. */
export const OrganisationObject = v.object({
  id,
  name: v.string(),
  send_rate_per_minute: v.pipe(v.nullable(v.number()), v.description("Messages per minute; null: the deployment default")),
});
export type OrganisationObject = v.InferOutput<typeof OrganisationObject>;

export function organisationObject(row: OrganisationRow): OrganisationObject {
  return { id: row.id, name: row.name, send_rate_per_minute: row.sendRatePerMinute };
}

/** Names are unique, compared case-insensitively (two "Gemeente X" would be indistinguishable). */
export async function createOrganisation(db: Db, input: NewOrganisation, meta: ChangeMeta): Promise<OrganisationObject> {
  const duplicate = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(sql`lower(${organisations.name}) = lower(${input.name})`)
    .get();
  if (duplicate) throw duplicateOrganisationName(input.name);
  const row: OrganisationRow = {
    id: crypto.randomUUID(),
    name: input.name,
    sendRatePerMinute: input.send_rate_per_minute ?? null,
    createdAt: meta.at,
  };
  await runUniqueBatch(
    db,
    [
      db.insert(organisations).values(row),
      auditInsert(db, meta, {
        action: "organisation.create",
        organisationId: row.id,
        serviceId: null,
        targetType: "organisation",
        targetId: row.id,
        details: { name: row.name, send_rate_per_minute: row.sendRatePerMinute },
      }),
    ],
    () => duplicateOrganisationName(input.name),
  );
  return organisationObject(row);
}

/** The 400 for a name another organisation has (also used when renaming). */
export function duplicateOrganisationName(name: string) {
  return Errors.badRequest(`An organisation named '${name}' already exists`);
}
