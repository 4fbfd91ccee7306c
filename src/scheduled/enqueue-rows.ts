/** Handing rows to their organisations' OrgGate lanes, one enqueue call per organisation. */

import type { Services } from "../app/services";
import { D1_IN_LIST_MAX } from "../db/platform-limits";
import type { Lane } from "../gate/types";
import { errorFields, log } from "../lib/log";

/** A notification row as the release and replay UPDATE … RETURNING statements give it. */
export interface ReleasedRow {
  id: string;
  service_id: string;
  organisation_id: string;
  lane: Lane;
}

/** Enqueues rows per organisation at its send rate; a failing organisation is logged, the others go on. */
export async function enqueueByOrganisation(
  deps: Pick<Services, "config" | "d1" | "gateFor">,
  rows: readonly ReleasedRow[],
  reason: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const byOrganisation = new Map<string, ReleasedRow[]>();
  for (const row of rows) byOrganisation.set(row.organisation_id, [...(byOrganisation.get(row.organisation_id) ?? []), row]);
  const rates = await sendRates(deps, [...byOrganisation.keys()]);
  let enqueued = 0;
  for (const [organisationId, items] of byOrganisation) {
    try {
      await deps.gateFor(organisationId).enqueue(
        items.map((row) => ({ id: row.id, serviceId: row.service_id, lane: row.lane })),
        rates.get(organisationId) ?? deps.config.DEFAULT_ORG_SEND_RATE,
      );
      enqueued += items.length;
    } catch (error) {
      log.error("gate_enqueue_failed", { reason, organisation_id: organisationId, notifications: items.length, ...errorFields(error) });
    }
  }
  return enqueued;
}

/** The organisations' own send rates (messages per minute), where set. */
export async function sendRates(
  deps: Pick<Services, "config" | "d1" | "gateFor">,
  organisationIds: readonly string[],
): Promise<Map<string, number>> {
  const rates = new Map<string, number>();
  for (let i = 0; i < organisationIds.length; i += D1_IN_LIST_MAX) {
    const ids = organisationIds.slice(i, i + D1_IN_LIST_MAX);
    const { results } = await deps.d1
      .prepare(
        `SELECT id, send_rate_per_minute FROM organisations WHERE id IN (${ids.map(() => "?").join(",")}) AND send_rate_per_minute IS NOT NULL`,
      )
      .bind(...ids)
      .all<{ id: string; send_rate_per_minute: number }>();
    for (const row of results) rates.set(row.id, row.send_rate_per_minute);
  }
  return rates;
}
