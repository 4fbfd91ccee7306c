/**
 * How the rest of the code reaches an organisation's OrgGate. Domain code depends on this
 * interface, not on the Durable Object namespace (src/app/durable-object-clients.ts binds it), so
 * it can be exercised with a recording gate.
 */
import type { NotificationInsert } from "../db/insert-notifications";
import type { AdmitRequest, AdmitResult, Channel, DailyUsage, GateItem, GateStats } from "./types";

export interface GateClient {
  admit(request: AdmitRequest): Promise<AdmitResult>;
  release(serviceId: string, channel: Channel, day: string, count: number): Promise<void>;
  enqueue(items: GateItem[], sendRatePerMinute?: number): Promise<void>;
  /** Stores new notifications (group commit) and queues the unscheduled ones. */
  submit(rows: NotificationInsert[], sendRatePerMinute?: number): Promise<void>;
  stats(): Promise<GateStats>;
  /** Today's counts against the daily limits of one service (what admit() compares with them). */
  dailyUsage(serviceId: string): Promise<DailyUsage>;
}

export type GateFor = (organisationId: string) => GateClient;
