/**
 * Daily sending counts per (service, channel, UTC day), kept in memory and written behind to the
 * OrgGate's SQLite at most once per FLUSH_MS. A storage write on every admission would hold each
 * API response until the write is durable (the Durable Object output gate), which halved the
 * admission rate. The trade: if the object is evicted or crashes, up to FLUSH_MS of counts are not
 * persisted, so a service could exceed its daily limit by that much; limits are a safeguard, not
 * billing (billing comes from the notifications themselves).
 */
export const FLUSH_MS = 1_000;

export class DailyCounts {
  #sql: SqlStorage;
  #counts = new Map<string, number>();
  #dirty = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS daily_counts (
      service_id TEXT NOT NULL, channel TEXT NOT NULL, day TEXT NOT NULL, count INTEGER NOT NULL,
      PRIMARY KEY (service_id, channel, day))`);
  }

  get(serviceId: string, channel: string, day: string): number {
    const key = `${serviceId}|${channel}|${day}`;
    let count = this.#counts.get(key);
    if (count === undefined) {
      const row = this.#sql
        .exec<{ count: number }>(`SELECT count FROM daily_counts WHERE service_id = ? AND channel = ? AND day = ?`, serviceId, channel, day)
        .toArray()[0];
      count = row?.count ?? 0;
      this.#counts.set(key, count);
    }
    return count;
  }

  add(serviceId: string, channel: string, day: string, delta: number): void {
    const key = `${serviceId}|${channel}|${day}`;
    this.#counts.set(key, Math.max(0, this.get(serviceId, channel, day) + delta));
    this.#dirty.add(key);
    this.#timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Writes changed counts and forgets other days than `today`. */
  flush(today = new Date().toISOString().slice(0, 10)): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const key of this.#dirty) {
      const [serviceId, channel, day] = key.split("|") as [string, string, string];
      this.#sql.exec(
        `INSERT INTO daily_counts (service_id, channel, day, count) VALUES (?, ?, ?, ?)
         ON CONFLICT (service_id, channel, day) DO UPDATE SET count = excluded.count`,
        serviceId,
        channel,
        day,
        this.#counts.get(key) ?? 0,
      );
    }
    this.#dirty.clear();
    for (const key of this.#counts.keys()) if (!key.endsWith(`|${today}`)) this.#counts.delete(key);
  }
}
