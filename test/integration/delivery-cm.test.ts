/**
 * The SMS pipeline against the CM.com fake (src/providers/sms/, src/delivery/dispatch.consumer.ts,
 * src/webhooks/cm-report.ts, src/service-callbacks/): API → OrgGate → dispatch consumer
 * (SMS_PROVIDER=cm) → CM fake → delivery report → webhook → status → service callback. Also CM's
 * failure modes.
 * The fake is shared by all test files, so these tests only switch its failure modes briefly and
 * count messages by reference (unique per notification).
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { formatTimestamp } from "../../src/lib/time";
import { cmReference } from "../../src/providers/sms/cm-types";
import {
  CM_HEALTHY,
  callbacksSettled,
  cm,
  cmCounts,
  cmDeps,
  eventually,
  type QueueOutcome,
  type Received,
  received,
  relayReports,
  runDispatch,
  waitForReports,
} from "../support/delivery";
import { apiFetch, createTenant, type Tenant } from "../support/fixtures";
import { type GateRecorder, recordGate } from "../support/gate-recorder";
import {
  getNotification,
  getNotifications,
  insertNotification,
  insertNotifications,
  type NotificationRow,
  uniqueMobile,
} from "../support/notification-factory";

const TOKEN = "callback-bearer-0123456789";
let tenant: Tenant;
let hook: string;

beforeAll(async () => {
  hook = `/svc-cm-${crypto.randomUUID().slice(0, 8)}`;
  tenant = await createTenant({
    retry: false, // a failure here is final; second-attempt.test.ts covers the retry
    smsSender: "Gemeente",
    deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: TOKEN },
  });
});

afterEach(async () => {
  await cm("/__sim/config", CM_HEALTHY);
});

const seed = () => ({ serviceId: tenant.serviceId, organisationId: tenant.organisationId });

describe("end to end through the CM.com fake: API send → gate → CM → report → delivered → service callback", () => {
  const phones: string[] = [];
  const ids: string[] = [];
  let gate: GateRecorder;
  let dispatched: QueueOutcome;
  let afterDispatch: Map<string, NotificationRow>;
  let relayed: number[];
  let afterReports: Map<string, NotificationRow>;
  let callbacks: Received[];

  beforeAll(async () => {
    gate = await recordGate(tenant.organisationId);
    phones.push(uniqueMobile(), uniqueMobile(), uniqueMobile());
    for (const phone_number of phones) {
      const response = await apiFetch("/v2/notifications/sms", tenant.keys.normal, {
        method: "POST",
        body: { phone_number, template_id: tenant.smsTemplateId, personalisation: { naam: "Amala", code: "1234" }, reference: "ref-e2e" },
      });
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
    // The gate's alarm drains the lane into the dispatch queue (recorded here).
    await eventually(async () => ids.every((id) => gate.ids.includes(id)));
    dispatched = await runDispatch(ids, cmDeps());
    afterDispatch = await getNotifications(ids);
    relayed = await relayReports(await waitForReports(ids));
    afterReports = await getNotifications(ids);
    // The real callbacks queue and consumer POST to the service's callback receiver.
    callbacks = await eventually(async () => {
      const got = (await received(hook)).filter((c) => ids.includes((c.body as { id: string }).id));
      return got.length === 3 ? got : undefined;
    });
  });

  it("the gate hands each notification to the dispatch queue once", () => {
    expect(gate.ids.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  });

  it("the dispatch consumer acks each message and makes one CM request per message", async () => {
    expect(dispatched.acked.sort()).toEqual([...ids].sort());
    expect(dispatched.retried).toEqual([]);
    expect(await cmCounts(ids)).toEqual([1, 1, 1]);
  });

  it("the CM request carries the recipient, the sender, the rendered body and CM's part limits", async () => {
    const messages = await cm<{ messages: Record<string, unknown>[] }>(`/__sim/messages?reference=${cmReference(ids[0] as string)}`);
    expect(messages.messages[0]).toMatchObject({
      to: `00${(phones[0] as string).slice(1)}`,
      from: "Gemeente",
      body: { type: "auto", content: "Hallo Amala, uw code is 1234." },
      allowedChannels: ["SMS"],
      minimumNumberOfMessageParts: 1,
      maximumNumberOfMessageParts: 1,
    });
  });

  it("after the hand-off each notification is sending, with CM's reference", () => {
    expect(ids.map((id) => afterDispatch.get(id))).toEqual(
      ids.map((id) =>
        expect.objectContaining({
          status: "sending",
          provider: "cm",
          providerReference: cmReference(id),
          billableUnits: 1,
          sendAttempts: 1,
          claimedAt: null,
        }),
      ),
    );
  });

  it("CM's reports are accepted and make each notification delivered", () => {
    expect(relayed).toEqual([200, 200, 200]);
    expect(ids.map((id) => afterReports.get(id))).toEqual(
      ids.map(() => expect.objectContaining({ status: "delivered", completedAt: expect.any(Number), sentAt: expect.any(Number) })),
    );
  });

  it("the service's callback receiver gets each notification once, with the service's bearer token", () => {
    expect(callbacks.map((c) => (c.body as { id: string }).id).sort()).toEqual([...ids].sort());
    expect(callbacks.map((c) => c.headers)).toEqual(
      callbacks.map(() =>
        expect.objectContaining({ authorization: `Bearer ${TOKEN}`, "content-type": expect.stringContaining("application/json") }),
      ),
    );
  });

  it("the callback body is Notify's delivery-status payload, timestamps from the stored row", () => {
    const first = callbacks.find((c) => (c.body as { id: string }).id === ids[0]);
    const row = afterReports.get(ids[0] as string) as NotificationRow;
    expect(first?.body).toEqual({
      id: ids[0],
      reference: "ref-e2e",
      to: phones[0],
      status: "delivered",
      created_at: formatTimestamp(row.createdAt),
      completed_at: formatTimestamp(row.completedAt),
      sent_at: formatTimestamp(row.sentAt),
      notification_type: "sms",
      template_id: tenant.smsTemplateId,
      template_version: 1,
    });
    expect(first?.body).toMatchObject({ created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/) });
  });
});

describe("CM.com faults: nothing lost, nothing sent twice", () => {
  it("CM answers 503 and 429 for a while, then recovers: retried with backoff, each message sent once", async () => {
    const ids = await insertNotifications(Array.from({ length: 5 }, () => seed()));
    await cm("/__sim/config", { failNextRequests: 1, failStatus: 503 });
    const first = await runDispatch(ids, cmDeps(), 1);
    expect(first.acked).toEqual([]);
    expect(first.retried.map((r) => r.delaySeconds)).toEqual([10, 10, 10, 10, 10]);
    expect([...(await getNotifications(ids)).values()]).toEqual(
      ids.map(() => expect.objectContaining({ status: "created", claimedAt: null, sendAttempts: 1 })),
    );

    await cm("/__sim/config", { failNextRequests: 1, failStatus: 429 });
    const second = await runDispatch(ids, cmDeps(), 2);
    expect(second.retried.map((r) => r.delaySeconds)).toEqual([20, 20, 20, 20, 20]);
    expect(await cmCounts(ids)).toEqual([0, 0, 0, 0, 0]);

    const third = await runDispatch(ids, cmDeps(), 3);
    expect(third.acked.sort()).toEqual([...ids].sort());
    expect(await cmCounts(ids)).toEqual([1, 1, 1, 1, 1]);
    expect([...(await getNotifications(ids)).values()]).toEqual(
      ids.map(() => expect.objectContaining({ status: "sending", sendAttempts: 3 })),
    );
  });

  it("CM does not answer: the request times out, is retried, and the message goes out once", async () => {
    const id = await insertNotification(seed());
    await cm("/__sim/config", { hangRequests: true });
    const hung = await runDispatch([id], cmDeps({ cmTimeoutMs: 300 }));
    expect(hung.retried).toEqual([{ notificationId: id, delaySeconds: 10 }]);
    expect(await getNotification(id)).toMatchObject({ status: "created", claimedAt: null });

    await cm("/__sim/config", { hangRequests: false });
    const ok = await runDispatch([id], cmDeps({ cmTimeoutMs: 300 }), 2);
    expect(ok.acked).toEqual([id]);
    expect(await cmCounts([id])).toEqual([1]);
    expect((await getNotification(id)).status).toBe("sending");
  });

  it("a CM authentication failure keeps messages waiting (retried), never marks them sent", async () => {
    const id = await insertNotification(seed());
    await cm("/__sim/config", { authFailure: true });
    const failed = await runDispatch([id], cmDeps());
    expect(failed).toEqual({ acked: [], retried: [{ notificationId: id, delaySeconds: 10 }] });
    expect(await getNotification(id)).toMatchObject({ status: "created", claimedAt: null, provider: null });
    await cm("/__sim/config", { authFailure: false });
    expect((await runDispatch([id], cmDeps(), 2)).acked).toEqual([id]);
    expect(await cmCounts([id])).toEqual([1]);
  });

  it("a per-message rejection is a permanent failure; the rest of the request is sent", async () => {
    const good = await insertNotification(seed());
    const bad = await insertNotification({ ...seed(), senderText: "Te lang afzender" });
    const outcome = await runDispatch([good, bad], cmDeps());
    expect(outcome.acked.sort()).toEqual([good, bad].sort());
    expect(await getNotification(good)).toMatchObject({ status: "sending" });
    expect(await getNotification(bad)).toMatchObject({
      status: "permanent-failure",
      provider: "cm",
      providerResponse: "CM 301: Invalid From field",
      billableUnits: 0,
    });
    expect((await getNotification(bad)).completedAt).toBeGreaterThan(0);
    // The rejection reaches the service's callback receiver.
    await eventually(async () => (await received(hook)).some((c) => (c.body as { id: string }).id === bad));
  });

  it("a queue redelivery of an already-sent message is acked and not sent again", async () => {
    const id = await insertNotification(seed());
    expect((await runDispatch([id, id], cmDeps())).acked).toEqual([id, id]);
    const again = await runDispatch([id], cmDeps(), 2);
    expect(again).toEqual({ acked: [id], retried: [] });
    expect(await cmCounts([id])).toEqual([1]);
    expect(await getNotification(id)).toMatchObject({ status: "sending", sendAttempts: 1 });
  });

  it("a stale claim (consumer died after claiming) is re-claimed; a live claim is retried later", async () => {
    const stale = await insertNotification({ ...seed(), claimedAt: Date.now() - 3 * 60_000 });
    const live = await insertNotification({ ...seed(), claimedAt: Date.now() - 5_000 });
    const outcome = await runDispatch([stale, live], cmDeps());
    expect(outcome.acked).toEqual([stale]);
    expect(outcome.retried).toEqual([{ notificationId: live, delaySeconds: expect.any(Number) }]);
    // Retried once the live claim could have gone stale (STALE_CLAIM_MS after it was made, plus a second).
    expect(outcome.retried[0]?.delaySeconds).toBeGreaterThan(100);
    expect(outcome.retried[0]?.delaySeconds).toBeLessThanOrEqual(116);
    expect(await cmCounts([stale, live])).toEqual([1, 0]);
    expect(await getNotification(stale)).toMatchObject({ status: "sending", sendAttempts: 1 });
    expect(await getNotification(live)).toMatchObject({ status: "created", sendAttempts: 0 });
  });

  it("test-key notifications never reach CM.com, even with SMS_PROVIDER=cm", async () => {
    const id = await insertNotification({ ...seed(), keyType: "test" });
    expect((await runDispatch([id], cmDeps())).acked).toEqual([id]);
    expect(await cmCounts([id])).toEqual([0]);
    expect(await getNotification(id)).toMatchObject({ status: "delivered", provider: "simulator" });
  });

  it("a long message is sent with CM's part limits and billed by CM's part count", async () => {
    const body = "Dit is een lang bericht. ".repeat(8); // 200 GSM characters → 2 parts
    const id = await insertNotification({ ...seed(), body, billableUnits: 2 });
    await runDispatch([id], cmDeps());
    const stored = await cm<{ messages: Record<string, unknown>[] }>(`/__sim/messages?reference=${cmReference(id)}`);
    expect(stored.messages[0]).toMatchObject({ minimumNumberOfMessageParts: 1, maximumNumberOfMessageParts: 2, parts: 2 });
    expect(await getNotification(id)).toMatchObject({ status: "sending", billableUnits: 2 });
  });
});

describe("delivery reports from the CM.com fake", () => {
  describe("duplicate and out-of-order reports", () => {
    const ids: string[] = [];
    let relayed: number[];

    beforeAll(async () => {
      await cm("/__sim/config", { duplicateReports: true, outOfOrderReports: true });
      ids.push(
        await insertNotification(seed()),
        await insertNotification({ ...seed(), to: "+31612340002" }),
        await insertNotification({ ...seed(), to: "+31612340003" }),
      );
      await runDispatch(ids, cmDeps());
      // Per message: final, final, accepted, accepted.
      relayed = await relayReports(await waitForReports(ids, 12));
      await cm("/__sim/config", CM_HEALTHY);
    });

    it("are all accepted", () => {
      expect(relayed).toEqual(Array.from({ length: 12 }, () => 200));
    });

    it("leave a delivered message delivered", async () => {
      expect((await getNotification(ids[0] as string)).status).toBe("delivered");
    });

    it("leave a failed message permanent-failure, with CM's reason", async () => {
      expect(await getNotification(ids[1] as string)).toMatchObject({
        status: "permanent-failure",
        providerResponse: "CM 3/5: Message not delivered at third party",
      });
    });

    it("leave a temporarily failed message temporary-failure", async () => {
      expect((await getNotification(ids[2] as string)).status).toBe("temporary-failure");
    });

    it("cause one callback per message, with its final status", async () => {
      // Every callback the reports caused was enqueued before its report was answered: once the
      // callbacks queue has delivered everything enqueued so far, no further one can arrive.
      await callbacksSettled(hook, () => insertNotification({ ...seed(), status: "delivered" }));
      const callbacks = (await received(hook)).filter((c) => ids.includes((c.body as { id: string }).id));
      const statuses = callbacks.map((c) => {
        const { id, status } = c.body as { id: string; status: string };
        return { id, status };
      });
      expect(statuses.sort((x, y) => x.status.localeCompare(y.status))).toEqual([
        { id: ids[0], status: "delivered" },
        { id: ids[1], status: "permanent-failure" },
        { id: ids[2], status: "temporary-failure" },
      ]);
    });
  });

  it("an intermediate 'accepted' report makes the notification pending (no callback), then delivered", async () => {
    await cm("/__sim/config", { intermediateReports: true });
    const id = await insertNotification(seed());
    await runDispatch([id], cmDeps());
    const [accepted, final] = await waitForReports([id], 2);
    await relayReports([accepted!]);
    expect((await getNotification(id)).status).toBe("pending");
    await relayReports([final!]);
    expect((await getNotification(id)).status).toBe("delivered");
    // Both reports were answered, so any callback they caused is queued: wait until it is all delivered.
    await callbacksSettled(hook, () => insertNotification({ ...seed(), status: "delivered" }));
    const callbacks = (await received(hook)).filter((c) => (c.body as { id: string }).id === id);
    expect(callbacks.map((c) => (c.body as { status: string }).status)).toEqual(["delivered"]);
  });

  it.each(["xml", "get"] as const)("reports in CM's %s form are understood", async (reportFormat) => {
    await cm("/__sim/config", { reportFormat });
    const id = await insertNotification(seed());
    await runDispatch([id], cmDeps());
    const reports = await waitForReports([id]);
    expect(reports[0]?.method).toBe(reportFormat === "get" ? "GET" : "POST");
    expect(await relayReports(reports)).toEqual([200]);
    expect((await getNotification(id)).status).toBe("delivered");
  });
});
