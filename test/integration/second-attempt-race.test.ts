/**
 * A receipt that overtakes the dispatch consumer's hand-off write and fails attempt 1 starts the
 * second attempt; the late hand-off write must then leave attempt 2 alone
 * (src/notifications/statuses.ts handOffQuery, src/notifications/second-attempt.ts).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/database";
import { changeStatusBatch, handOffQuery } from "../../src/notifications/statuses";
import { recordingQueue } from "../support/delivery";
import { createTenant } from "../support/fixtures";
import { getNotification, insertNotification } from "../support/notification-factory";

const db = createDb(env.DB);

describe("a hand-off write that arrives after the receipt", () => {
  it("does not move the second attempt to sending", async () => {
    const tenant = await createTenant({ retry: true });
    const id = await insertNotification({
      serviceId: tenant.serviceId,
      organisationId: tenant.organisationId,
      status: "created",
      claimedAt: Date.now(),
    });
    const now = Date.now();
    await changeStatusBatch(
      { db, callbackQueue: recordingQueue() },
      [{ notificationId: id, next: "temporary-failure", source: "provider", reportedBy: { provider: "cm", channel: "sms" } }],
      now,
    );
    expect(await getNotification(id)).toMatchObject({ status: "created", attempt: 2, claimedAt: null });
    const applied = await handOffQuery(
      db,
      id,
      "sending",
      { sentAt: now, billableUnits: 1, provider: "cm", providerReference: "x" },
      now + 1,
    );
    expect(applied).toEqual([]);
    expect(await getNotification(id)).toMatchObject({ status: "created", attempt: 2, provider: null, sentAt: null });
  });
});
