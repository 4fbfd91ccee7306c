/** The OrgGate's RPC contract, shared by the API (admission), the jobs consumer and the crons. */
export type Lane = "priority" | "normal" | "bulk";
export type Channel = "sms" | "email";
export type KeyType = "normal" | "team" | "test";

export const LANES: readonly Lane[] = ["priority", "normal", "bulk"];

export interface AdmitRequest {
  serviceId: string;
  keyType: KeyType;
  /** Requests per minute for this service and key type (Notify's token bucket). */
  rateLimit: number;
  channel: Channel;
  /** Messages per UTC day for this service and channel. */
  dailyLimit: number;
  /** How many messages this request would send (1, or a bulk job's row count). */
  count: number;
  /** Whether this request uses a rate-limit token (only POSTs that create notifications do). */
  consumesRateToken?: boolean;
}

export type AdmitResult =
  | { ok: true; day: string }
  | { ok: false; reason: "rate_limit"; limit: number }
  | { ok: false; reason: "daily_limit"; limit: number; remaining: number };

export interface GateItem {
  id: string;
  serviceId: string;
  lane: Lane;
}

export interface GateStats {
  queued: Record<Lane, number>;
  dispatched: number;
  sendRatePerMinute: number;
}

/** Messages admitted today (the UTC day `day`) for one service, per channel: the daily limits' counter. */
export interface DailyUsage {
  day: string;
  sms: number;
  email: number;
}
