/**
 * Recipients who opted out (the suppressions table: an inbound STOP, or an administrator) are
 * refused before anything is stored. Most services have none, so the send path must not pay a D1
 * round trip for them: the number of suppressions per channel is kept in the per-isolate service
 * cache (CACHE_TTL_MS, invalidated at once by every change made through this isolate), and only a
 * service that has some gets an indexed lookup of the one recipient (single sends) or one read of
 * the whole list (bulk jobs, whose rows would otherwise need a lookup each).
 *
 * So a STOP takes effect at once in the isolate that handled it and everywhere else within the TTL.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/database";
import { suppressions } from "../db/schema";
import { Errors } from "../errors";
import type { Channel } from "../gate/types";
import { cached, serviceCaches } from "./service-cache";

/** What a send context knows about a channel's opted-out recipients. */
export interface OptOuts {
  /** False when the service has none on this channel: nothing needs to be looked up. */
  any: boolean;
  /** Every opted-out recipient of the channel, when loaded (bulk jobs); null: look each one up. */
  recipients: ReadonlySet<string> | null;
}

export const NO_OPT_OUTS: OptOuts = { any: false, recipients: null };

type Counts = Partial<Record<Channel, number>>;

/** The channel's opt-out state from the cached per-service counts (one GROUP BY per TTL, not per send). */
export async function loadOptOuts(db: Db, serviceId: string, channel: Channel): Promise<OptOuts> {
  const counts = await cached<Counts>(serviceCaches.optOuts, `${serviceId}:opt-outs`, async () => {
    const rows = await db
      .select({ channel: suppressions.channel, n: sql<number>`count(*)` })
      .from(suppressions)
      .where(eq(suppressions.serviceId, serviceId))
      .groupBy(suppressions.channel);
    return Object.fromEntries(rows.map((row) => [row.channel, row.n]));
  });
  return (counts[channel] ?? 0) > 0 ? { any: true, recipients: null } : NO_OPT_OUTS;
}

/** The opt-out state with every recipient loaded (for validating or expanding a bulk job without a lookup per row). */
export async function withAllOptOuts(db: Db, serviceId: string, channel: Channel, optOuts: OptOuts): Promise<OptOuts> {
  if (!optOuts.any || optOuts.recipients) return optOuts;
  const rows = await db
    .select({ recipient: suppressions.recipient })
    .from(suppressions)
    .where(and(eq(suppressions.serviceId, serviceId), eq(suppressions.channel, channel)));
  return { any: true, recipients: new Set(rows.map((row) => row.recipient)) };
}

/** Whether a single send has to look its recipient up: only when the service has opt-outs that are not loaded. */
export function needsOptOutLookup(optOuts: OptOuts, smokeTest: boolean): boolean {
  return optOuts.any && optOuts.recipients === null && !smokeTest;
}

/** Refuses a single send to an opted-out recipient (normalised as notifications.normalised_to). */
export async function refuseOptedOut(
  db: Db,
  context: { service: { id: string }; channel: Channel; optOuts: OptOuts },
  message: { normalisedTo: string; smokeTest: boolean },
): Promise<void> {
  if (!needsOptOutLookup(context.optOuts, message.smokeTest)) return;
  const row = await db
    .select({ id: suppressions.id })
    .from(suppressions)
    .where(
      and(
        eq(suppressions.serviceId, context.service.id),
        eq(suppressions.channel, context.channel),
        eq(suppressions.recipient, message.normalisedTo),
      ),
    )
    .get();
  if (row) throw Errors.optedOut(context.channel);
}
