/**
 * Admin writes to a service's keys, templates, senders, team or callbacks. The public API caches
 * these per isolate (notifications/service-cache.ts); dropping this isolate's copies right after a
 * change means, e.g., a revoked key stops working here at once (other isolates follow within the TTL).
 */
import { invalidateServiceCaches } from "../../notifications/service-cache";

/** Runs `change`, then invalidates the service's cached data; a failed change leaves the caches alone. */
export async function changeService<T>(serviceId: string, change: () => Promise<T>): Promise<T> {
  const result = await change();
  invalidateServiceCaches(serviceId);
  return result;
}
