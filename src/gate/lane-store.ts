/**
 * The lanes in the OrgGate's SQLite storage, with an in-memory index of how many items each
 * (lane, service) has, so picking a fair batch never scans a 100,000-item backlog.
 */
import type { GateItem, Lane } from "./types";

interface Picked {
  seq: number;
  id: string;
  serviceId: string;
  lane: Lane;
}

export class LaneStore {
  #sql: SqlStorage;
  /** lane → service id → queued count */
  #counts = new Map<Lane, Map<string, number>>();

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS lane_items (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, lane TEXT NOT NULL, service_id TEXT NOT NULL, notification_id TEXT NOT NULL)`);
    sql.exec(`CREATE INDEX IF NOT EXISTS lane_items_lane_service ON lane_items (lane, service_id, seq)`);
    for (const row of sql.exec<{ lane: Lane; service_id: string; n: number }>(
      `SELECT lane, service_id, COUNT(*) AS n FROM lane_items GROUP BY lane, service_id`,
    )) {
      this.#bump(row.lane, row.service_id, row.n);
    }
  }

  add(items: GateItem[]): void {
    for (const item of items) {
      this.#sql.exec(`INSERT INTO lane_items (lane, service_id, notification_id) VALUES (?, ?, ?)`, item.lane, item.serviceId, item.id);
      this.#bump(item.lane, item.serviceId, 1);
    }
  }

  /**
   * Up to `budget` items: lanes in the given order; inside a lane, services get equal shares
   * (fairShares), each service's oldest first.
   */
  pick(budget: number, lanes: readonly Lane[]): Picked[] {
    const picked: Picked[] = [];
    for (const lane of lanes) {
      const remaining = budget - picked.length;
      if (remaining <= 0) break;
      const services = this.#counts.get(lane);
      if (!services || services.size === 0) continue;
      for (const [serviceId, quota] of fairShares(remaining, services)) {
        const rows = this.#sql
          .exec<{ seq: number; notification_id: string }>(
            `SELECT seq, notification_id FROM lane_items WHERE lane = ? AND service_id = ? ORDER BY seq LIMIT ?`,
            lane,
            serviceId,
            quota,
          )
          .toArray();
        for (const row of rows) picked.push({ seq: row.seq, id: row.notification_id, serviceId, lane });
      }
    }
    return picked;
  }

  remove(items: Picked[]): void {
    for (const item of items) {
      this.#sql.exec(`DELETE FROM lane_items WHERE seq = ?`, item.seq);
      this.#bump(item.lane, item.serviceId, -1);
    }
  }

  depths(): Record<Lane, number> {
    const sum = (lane: Lane) => [...(this.#counts.get(lane)?.values() ?? [])].reduce((a, b) => a + b, 0);
    return { priority: sum("priority"), normal: sum("normal"), bulk: sum("bulk") };
  }

  total(): number {
    const d = this.depths();
    return d.priority + d.normal + d.bulk;
  }

  #bump(lane: Lane, serviceId: string, delta: number): void {
    let services = this.#counts.get(lane);
    if (!services) {
      services = new Map();
      this.#counts.set(lane, services);
    }
    const next = (services.get(serviceId) ?? 0) + delta;
    if (next <= 0) services.delete(serviceId);
    else services.set(serviceId, next);
  }
}

/**
 * Splits `budget` between services by water-filling: every service gets an equal share, and a
 * service with fewer items waiting than its share leaves the rest to the others.
 */
export function fairShares(budget: number, waiting: ReadonlyMap<string, number>): Map<string, number> {
  const shares = new Map<string, number>();
  const ascending = [...waiting.entries()].sort((a, b) => a[1] - b[1]);
  let left = budget;
  ascending.forEach(([serviceId, n], index) => {
    const servicesLeft = ascending.length - index;
    const share = Math.min(n, Math.ceil(left / servicesLeft));
    if (share > 0) shares.set(serviceId, share);
    left -= share;
  });
  return shares;
}
