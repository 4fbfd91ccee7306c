/**
 * Limits before anything is stored: the OrgGate admits a request (rate limit, daily limit) and
 * reserves its daily allowance; if the request then fails for any reason, the reservation is
 * given back so a rejected request costs nothing.
 *
 * The request is prepared (body read, validated, rendered) while the admission call is in flight,
 * and the admission decides first: an over-limit request is a 429 even when its body is invalid
 * (Notify's order), and nothing is stored before it is admitted.
 */

import { Errors } from "../errors";
import type { GateClient } from "../gate/gate-client";
import type { AdmitRequest } from "../gate/types";

type Settled<P> = { ok: true; value: P } | { ok: false; error: unknown };

export async function withAdmission<P, T>(
  gate: GateClient,
  request: AdmitRequest,
  prepare: () => Promise<P>,
  commit: (prepared: P) => Promise<T>,
): Promise<T> {
  const [admitted, prepared] = await Promise.all([
    gate.admit(request),
    prepare().then(
      (value): Settled<P> => ({ ok: true, value }),
      (error: unknown): Settled<P> => ({ ok: false, error }),
    ),
  ]);
  if (!admitted.ok) {
    if (admitted.reason === "rate_limit") throw Errors.rateLimit(request.keyType, admitted.limit);
    throw Errors.dailyLimit(request.channel, admitted.limit);
  }
  try {
    if (!prepared.ok) throw prepared.error;
    return await commit(prepared.value);
  } catch (error) {
    if (request.keyType !== "test") await gate.release(request.serviceId, request.channel, admitted.day, request.count);
    throw error;
  }
}
