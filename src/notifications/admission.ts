/**
 * Limits before anything is stored: the OrgGate admits a request (rate limit, daily limit) and
 * reserves its daily allowance; if the request then fails for any reason, the reservation is
 * given back so a rejected request costs nothing.
 */
import { Errors } from "../http/errors";
import type { GateClient } from "../gate/client";
import type { AdmitRequest } from "../gate/types";

export async function withAdmission<T>(gate: GateClient, request: AdmitRequest, work: () => Promise<T>): Promise<T> {
  const admitted = await gate.admit(request);
  if (!admitted.ok) {
    if (admitted.reason === "rate_limit") throw Errors.rateLimit(request.keyType, admitted.limit);
    throw Errors.dailyLimit(request.channel, admitted.limit);
  }
  try {
    return await work();
  } catch (error) {
    if (request.keyType !== "test") await gate.release(request.serviceId, request.channel, admitted.day, request.count);
    throw error;
  }
}
