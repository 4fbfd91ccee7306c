/**
 * Making a changed send rate take effect. The OrgGate keeps the rate in memory and learns it only
 * from its callers: every submit() and enqueue() carries the organisation's rate, which the API
 * takes from the per-isolate credentials cache (notifications/service-cache.ts, CACHE_TTL_MS = 5 s)
 * and the crons and the jobs consumer read from D1. So after a change:
 *  - the gate is told the new rate at once (an enqueue of nothing with the new rate);
 *  - this isolate's cached credentials of the organisation's services are dropped at once;
 *  - another isolate may still send with the old rate for up to CACHE_TTL_MS, and such a send sets
 *    the gate back to the old rate until the next send or enqueue after that (which carries the new
 *    rate). With traffic, the gate uses the new rate everywhere within CACHE_TTL_MS.
 */
import { eq } from "drizzle-orm";
import type { Services } from "../../app/services";
import { services } from "../../db/schema";
import { errorFields, log } from "../../lib/log";
import { invalidateServiceCaches } from "../../notifications/service-cache";

export async function applySendRate(
  deps: Pick<Services, "db" | "gateFor" | "config">,
  organisationId: string,
  sendRatePerMinute: number | null,
): Promise<void> {
  const rows = await deps.db.select({ id: services.id }).from(services).where(eq(services.organisationId, organisationId));
  for (const row of rows) invalidateServiceCaches(row.id);
  try {
    await deps.gateFor(organisationId).enqueue([], sendRatePerMinute ?? deps.config.DEFAULT_ORG_SEND_RATE);
  } catch (error) {
    // The change is stored; the next send or enqueue brings the gate the new rate anyway.
    log.error("gate_send_rate_update_failed", { organisation_id: organisationId, ...errorFields(error) });
  }
}
