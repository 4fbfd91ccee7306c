/**
 * Drives a stored notification through its statuses as the delivery pipeline would, through the
 * one place statuses change (src/notifications/statuses.ts), each step with its source, provider
 * and provider code, at fixed times (so tests can assert the exact timestamps of the history).
 */
import { changeStatusBatch } from "../../src/notifications/statuses";
import { recordingQueue } from "./delivery";
import { db } from "./notification-factory";

/** The first step: 1 July 2030 10:00:00 UTC, which is 12:00 summer time (CEST) in Amsterdam. */
export const STEPS_START = Date.UTC(2030, 6, 1, 10, 0, 0);
export const STEP_TIMES = { sending: STEPS_START, pending: STEPS_START + 1_500, delivered: STEPS_START + 2_250 } as const;

/** created → sending (dispatch) → pending (provider "1") → delivered (provider "2"). */
export async function driveToDelivered(notificationId: string, providerReference = `cm-${notificationId.slice(0, 8)}`): Promise<void> {
  const deps = { db: db(), callbackQueue: recordingQueue() };
  await changeStatusBatch(
    deps,
    [
      {
        notificationId,
        next: "sending",
        source: "dispatch",
        fields: { provider: "cm", providerReference, sentAt: STEP_TIMES.sending, billableUnits: 1 },
      },
    ],
    STEP_TIMES.sending,
  );
  await changeStatusBatch(
    deps,
    [{ notificationId, next: "pending", source: "provider", fields: { providerStatus: "1", providerResponse: "Accepted by operator" } }],
    STEP_TIMES.pending,
  );
  await changeStatusBatch(
    deps,
    [{ notificationId, next: "delivered", source: "provider", fields: { providerStatus: "2", providerResponse: "Delivered" } }],
    STEP_TIMES.delivered,
  );
}
