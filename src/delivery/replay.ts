/**
 * Recovery for a consumer that died between claim and send: rows still `created` whose claim went
 * stale are released and handed back to their organisation's OrgGate lane. Meant for the
 * every-minute cron. (The queue usually gets there first: the dead consumer's batch is redelivered
 * and the claim condition accepts stale claims. This covers a message the queue gave up on.)
 *
 * Rows that were never claimed (e.g. the gate was unreachable at creation) are not handled here:
 * they cannot be told apart from rows waiting in a long bulk lane without the gate's help.
 */
import { and, eq, inArray, isNotNull, lt } from "drizzle-orm";
import type { Db } from "../db/database";
import { D1_IN_LIST_MAX } from "../db/platform-limits";
import { notifications } from "../db/schema";
import type { GateClient } from "../gate/gate-client";
import type { GateItem } from "../gate/types";
import { errorFields, log } from "../lib/log";
import { STALE_CLAIM_MS } from "./policy";

const REPLAY_LIMIT = 500;

/** Releases stale claims and re-enqueues those rows; returns how many were handed back. */
export async function replayStuckNotifications(
  db: Db,
  gateFor: (organisationId: string) => Pick<GateClient, "enqueue">,
  now: number,
): Promise<number> {
  const stale = and(
    eq(notifications.status, "created"),
    isNotNull(notifications.claimedAt),
    lt(notifications.claimedAt, now - STALE_CLAIM_MS),
  );
  const candidates = await db.select({ id: notifications.id }).from(notifications).where(stale).limit(REPLAY_LIMIT);
  const released: { id: string; serviceId: string; organisationId: string; lane: GateItem["lane"] }[] = [];
  for (let i = 0; i < candidates.length; i += D1_IN_LIST_MAX) {
    const ids = candidates.slice(i, i + D1_IN_LIST_MAX).map((c) => c.id);
    // Conditional again: a consumer may have claimed or sent one of them since the SELECT.
    const rows = await db
      .update(notifications)
      .set({ claimedAt: null, updatedAt: now })
      .where(and(inArray(notifications.id, ids), stale))
      .returning({
        id: notifications.id,
        serviceId: notifications.serviceId,
        organisationId: notifications.organisationId,
        lane: notifications.lane,
      });
    released.push(...rows);
  }
  const byOrganisation = new Map<string, GateItem[]>();
  for (const row of released) {
    byOrganisation.set(row.organisationId, [
      ...(byOrganisation.get(row.organisationId) ?? []),
      { id: row.id, serviceId: row.serviceId, lane: row.lane },
    ]);
  }
  let replayed = 0;
  for (const [organisationId, items] of byOrganisation) {
    try {
      await gateFor(organisationId).enqueue(items);
      replayed += items.length;
    } catch (error) {
      log.error("replay_enqueue_failed", { organisation_id: organisationId, notifications: items.length, ...errorFields(error) });
    }
  }
  if (replayed > 0) log.warn("replayed_stale_claims", { notifications: replayed });
  return replayed;
}
