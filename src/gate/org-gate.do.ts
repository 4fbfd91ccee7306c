/**
 * OrgGate: one Durable Object per organisation, the single consistent place for its limits and its
 * send order (GOV.UK Notify uses Redis counters and SQS FIFO groups per service for the same job).
 *
 *  - admit():   per-(service, key type) token-bucket rate limit and per-(service, channel) UTC-day
 *               limit, checked before a request stores anything. Daily counts are reserved here and
 *               given back with release() when the request is rejected later.
 *  - enqueue(): notifications wait in three lanes (priority > normal > bulk).
 *  - alarm():   drains the lanes in priority order at the organisation's send rate, round-robin
 *               between services inside a lane, into the `dispatch` queue (priority and normal)
 *               or `dispatch-bulk`. A bulk backlog therefore delays a priority or normal message
 *               by at most one tick, in the lanes and in the queues.
 *
 * Lanes live in the object's SQLite storage; daily counts are written behind to it once a second
 * (daily-counts.ts explains the trade); the token buckets are in memory only (losing them on
 * eviction only refills them, as Notify's fail-open Redis bucket would).
 */
import { DurableObject } from "cloudflare:workers";
import { servicesFor } from "../app/build-services";
import type { Services } from "../app/services";
import { insertNotifications, type NotificationInsert } from "../db/insert-notifications";
import { QUEUE_SEND_BATCH_MAX } from "../db/platform-limits";
import { GroupCommitter } from "../lib/group-commit";
import { errorFields, log } from "../lib/log";
import { utcDay } from "../lib/time";
import { DailyCounts } from "./daily-counts";
import type { GateClient } from "./gate-client";
import { LaneStore } from "./lane-store";
import { TokenBucket } from "./token-bucket";
import { type AdmitRequest, type AdmitResult, type Channel, type DailyUsage, type GateItem, type GateStats, LANES } from "./types";

/** Time between drain ticks while a backlog remains. */
export const DRAIN_TICK_MS = 200;
/** Upper bound of messages handed to the dispatch queue in one tick. */
const MAX_PER_TICK = 2_000;
const DEFAULT_SEND_RATE = 60_000;
/** How long a group commit waits for more notifications to join it. */
const GROUP_LINGER_MS = 15;

export class OrgGate extends DurableObject<Env> implements GateClient {
  #lanes: LaneStore;
  #daily: DailyCounts;
  #rateBuckets = new Map<string, TokenBucket>();
  #sendRate = DEFAULT_SEND_RATE;
  #sendBucket: TokenBucket;
  #draining = false;
  #dispatched = 0;
  /**
   * New notifications from API requests, written to D1 in groups (lib/group-commit.ts). Lingering
   * GROUP_LINGER_MS before each write lets concurrent requests join (docs/performance.md has the
   * measurements).
   */
  #inserts = new GroupCommitter<NotificationInsert>((rows) => this.#storeAndQueue(rows), 2_000, GROUP_LINGER_MS);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sendBucket = new TokenBucket(DEFAULT_SEND_RATE, DEFAULT_SEND_RATE / 60, this.#now());
    this.#lanes = new LaneStore(ctx.storage.sql);
    this.#daily = new DailyCounts(ctx.storage.sql);
  }

  /** Rate limit, then daily limit (Notify's order). Reserves `count` of today's allowance on success. */
  async admit(request: AdmitRequest): Promise<AdmitResult> {
    const now = this.#now();
    if (request.consumesRateToken !== false) {
      const bucket = this.#rateBucket(request.serviceId, request.keyType, request.rateLimit, now);
      if (!bucket.tryTake(now)) return { ok: false, reason: "rate_limit", limit: request.rateLimit };
    }
    const day = utcDay(now);
    // Test keys are never counted against daily limits (Notify's increment_daily_limit_caches).
    if (request.keyType === "test") return { ok: true, day };
    const used = this.#daily.get(request.serviceId, request.channel, day);
    if (used + request.count > request.dailyLimit) {
      return { ok: false, reason: "daily_limit", limit: request.dailyLimit, remaining: Math.max(0, request.dailyLimit - used) };
    }
    this.#daily.add(request.serviceId, request.channel, day, request.count);
    return { ok: true, day };
  }

  /** Gives back a reservation made by admit() for a request that was rejected afterwards. */
  async release(serviceId: string, channel: Channel, day: string, count: number): Promise<void> {
    this.#daily.add(serviceId, channel, day, -count);
  }

  /** Puts notifications in their lanes and makes sure a drain is due. */
  async enqueue(items: GateItem[], sendRatePerMinute?: number): Promise<void> {
    if (sendRatePerMinute && sendRatePerMinute !== this.#sendRate) this.#setSendRate(sendRatePerMinute);
    if (items.length === 0) return;
    this.#lanes.add(items);
    await this.#scheduleDrain(this.#sendBucket.msUntilToken(this.#now()));
  }

  /**
   * Stores new notifications durably in D1 (group commit with concurrent submissions) and puts the
   * unscheduled ones in their lanes; resolves once they are stored. Scheduled ones wait for the
   * release cron.
   */
  async submit(rows: NotificationInsert[], sendRatePerMinute?: number): Promise<void> {
    if (sendRatePerMinute && sendRatePerMinute !== this.#sendRate) this.#setSendRate(sendRatePerMinute);
    await this.#inserts.add(rows);
  }

  async #storeAndQueue(rows: NotificationInsert[]): Promise<void> {
    await insertNotifications(this.#services.d1, rows);
    const due = rows.filter((row) => row.scheduledFor === null || row.scheduledFor === undefined);
    if (due.length === 0) return;
    this.#lanes.add(due.map((row) => ({ id: row.id, serviceId: row.serviceId, lane: row.lane })));
    await this.#scheduleDrain(this.#sendBucket.msUntilToken(this.#now()));
  }

  async stats(): Promise<GateStats> {
    return { queued: this.#lanes.depths(), dispatched: this.#dispatched, sendRatePerMinute: this.#sendRate };
  }

  /** What admit() has counted today (UTC day) against a service's daily limits, per channel. */
  async dailyUsage(serviceId: string): Promise<DailyUsage> {
    const day = utcDay(this.#now());
    return { day, sms: this.#daily.get(serviceId, "sms", day), email: this.#daily.get(serviceId, "email", day) };
  }

  /** One drain tick. */
  override async alarm(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      const now = this.#now();
      // Take tokens only for what is actually sent: taking a whole tick's worth for a lone message
      // would drain the bucket and slow the next burst down to the refill rate.
      const budget = Math.min(MAX_PER_TICK, Math.floor(this.#sendBucket.available(now)));
      const picked = this.#lanes.pick(budget, LANES);
      this.#sendBucket.takeUpTo(now, picked.length);
      // Bulk goes to its own queue, so a job's backlog there never delays the other lanes.
      const urgent = picked.filter((item) => item.lane !== "bulk");
      const bulk = picked.filter((item) => item.lane === "bulk");
      for (const [queue, items] of [
        [this.#services.dispatchQueue, urgent],
        [this.#services.dispatchBulkQueue, bulk],
      ] as const) {
        for (let i = 0; i < items.length; i += QUEUE_SEND_BATCH_MAX) {
          const batch = items.slice(i, i + QUEUE_SEND_BATCH_MAX);
          await queue.sendBatch(batch.map((item) => ({ body: { notificationId: item.id } })));
          // Counted together with the removal, so stats() never sees a batch in neither place.
          this.#lanes.remove(batch);
          this.#dispatched += batch.length;
        }
      }
    } catch (error) {
      log.error("gate_drain_failed", { ...errorFields(error) });
    } finally {
      this.#draining = false;
    }
    if (this.#lanes.total() > 0) await this.#scheduleDrain(Math.max(DRAIN_TICK_MS, this.#sendBucket.msUntilToken(this.#now())));
  }

  async #scheduleDrain(delayMs: number): Promise<void> {
    const due = this.#now() + delayMs;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > due) await this.ctx.storage.setAlarm(due);
  }

  /** Looked up per use (a WeakMap hit), so the services always belong to this object's env. */
  get #services(): Services {
    return servicesFor(this.env);
  }

  #now(): number {
    return this.#services.clock.now();
  }

  #setSendRate(ratePerMinute: number): void {
    this.#sendRate = ratePerMinute;
    this.#sendBucket = new TokenBucket(ratePerMinute, Math.max(1, ratePerMinute / 60), this.#now());
  }

  #rateBucket(serviceId: string, keyType: string, limit: number, now: number): TokenBucket {
    const key = `${serviceId}:${keyType}`;
    let bucket = this.#rateBuckets.get(key);
    if (!bucket || bucket.ratePerMinute !== limit) {
      bucket = new TokenBucket(limit, TokenBucket.notifyCapacity(limit), now);
      this.#rateBuckets.set(key, bucket);
    }
    return bucket;
  }
}
