/**
 * Today's use of a service's daily limits, read from the counter that enforces them: the
 * organisation's OrgGate (src/gate/org-gate.do.ts, admit()), which counts per UTC day what it
 * admitted: every message of a live or team key, and a bulk job's whole row count on the day it is
 * sent in, even when its messages go out later. Counting notification rows would disagree with the
 * limit exactly then. When the gate cannot be reached the page says so instead of failing.
 */
import type { Services } from "../../app/services";
import { errorFields, log } from "../../lib/log";
import type { ServiceRow } from "../accounts/service-access";
import type { Channel } from "./message-overview";

export interface LimitUse {
  channel: Channel;
  used: number;
  limit: number;
  remaining: number;
}

export interface DailyLimitUse {
  /** When the counter starts again from 0: the next UTC midnight. */
  resetsAt: number;
  /** null when the counter could not be read. */
  channels: LimitUse[] | null;
}

const DAY_MS = 86_400_000;

export async function dailyLimitUse(
  services: Pick<Services, "gateFor">,
  service: Pick<ServiceRow, "id" | "organisationId" | "smsDailyLimit" | "emailDailyLimit">,
  now: number,
  requestId: string,
): Promise<DailyLimitUse> {
  const resetsAt = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
  try {
    const usage = await services.gateFor(service.organisationId).dailyUsage(service.id);
    const use = (channel: Channel, used: number, limit: number): LimitUse => ({
      channel,
      used,
      limit,
      remaining: Math.max(0, limit - used),
    });
    return {
      resetsAt,
      channels: [use("sms", usage.sms, service.smsDailyLimit), use("email", usage.email, service.emailDailyLimit)],
    };
  } catch (error) {
    log.warn("console_daily_usage_unavailable", { request_id: requestId, service_id: service.id, ...errorFields(error) });
    return { resetsAt, channels: null };
  }
}
