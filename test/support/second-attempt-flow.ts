/**
 * Driving one SMS through the CM.com fake attempt by attempt, for the second-attempt and fallback
 * tests: the gate (recorded) hands it over, the dispatch consumer sends it to the fake, the fake's
 * new reports are relayed into the webhook, and the release cron brings a second attempt back.
 */
import { env } from "cloudflare:workers";
import { servicesFor } from "../../src/app/build-services";
import { releaseScheduled } from "../../src/scheduled/release-scheduled";
import { cmDeps, eventually, relayReports, runDispatch, waitForReports } from "./delivery";
import type { GateRecorder } from "./gate-recorder";
import { getNotification } from "./notification-factory";

/** A unique Dutch mobile number ending in `last4` (a CM fake magic number). */
export function mobileEnding(last4: string): string {
  return `+3161${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}${last4}`;
}

/** The attempt that the gate hands over next: dispatch, then relay its new report (answered once written). */
export async function runAttempt(gate: GateRecorder, id: string, attempt: number): Promise<void> {
  await eventually(async () => gate.ids.filter((x) => x === id).length >= attempt);
  await runDispatch([id], cmDeps());
  const reports = await waitForReports([id], attempt);
  await relayReports(reports.slice(attempt - 1));
}

/** Runs the release cron at the second attempt's time (as the every-minute trigger would then). */
export async function releaseSecondAttempt(id: string): Promise<void> {
  const row = await getNotification(id);
  if (row.scheduledFor === null) throw new Error(`notification ${id} has no second attempt scheduled`);
  await releaseScheduled(servicesFor(env), row.scheduledFor);
}

/** The status history of a notification, oldest first. */
export async function historyOf(id: string): Promise<Record<string, unknown>[]> {
  const { results } = await env.DB.prepare("SELECT * FROM notification_events WHERE notification_id = ? ORDER BY id").bind(id).all();
  return results;
}
