/**
 * An inbound SMS → the service that owns the number it was sent to (an `inbound_number` SMS
 * sender) → a received text → the service's inbound-SMS callback. A text that is only STOP (or a
 * Dutch variant) puts the sender on the service's suppression list, START takes them off
 * (opt-out-keywords.ts). Unknown numbers are logged and dropped: the sender cannot be told, and CM
 * must not retry them for a month.
 */
import { and, eq } from "drizzle-orm";
import type { Services } from "../app/services";
import { receivedTexts, services, smsSenders } from "../db/schema";
import { log } from "../lib/log";
import { invalidateServiceCaches } from "../notifications/service-cache";
import { enqueueInboundCallback } from "../service-callbacks/enqueue";
import type { InboundSms } from "./cm-inbound-parse";
import { optOutStatements } from "./inbound-opt-out";
import { optOutKeyword } from "./opt-out-keywords";

/** Whether the text was stored, and for which service. */
export type InboundResult = { stored: true; receivedTextId: string; serviceId: string } | { stored: false };

/**
 * International digits without "+"/"00" ("+31 6 1234 5678", "0031612345678" → "31612345678");
 * a national Dutch "0…" number gets "31". Short codes stay as they are.
 */
export function normaliseNumber(raw: string): string {
  const digits = raw.replace(/\D/g, "");
  if (raw.trim().startsWith("+")) return digits;
  if (digits.startsWith("00")) return digits.slice(2);
  if (digits.startsWith("0")) return `31${digits.slice(1)}`;
  return digits;
}

async function storedId(deps: Pick<Services, "db">, serviceId: string, reference: string | null): Promise<string | undefined> {
  if (reference === null) return undefined;
  const row = await deps.db
    .select({ id: receivedTexts.id })
    .from(receivedTexts)
    .where(and(eq(receivedTexts.serviceId, serviceId), eq(receivedTexts.providerReference, reference)))
    .get();
  return row?.id;
}

/** Stores an inbound SMS for the owning service, applies a STOP or START, and enqueues its callback. */
export async function receiveInbound(deps: Pick<Services, "db" | "callbackQueue">, sms: InboundSms, now: number): Promise<InboundResult> {
  const to = normaliseNumber(sms.to);
  // Inbound numbers are few (one or two per service), so matching in code handles every format.
  const senders = await deps.db
    .select({ serviceId: smsSenders.serviceId, organisationId: services.organisationId, smsSender: smsSenders.smsSender })
    .from(smsSenders)
    .innerJoin(services, eq(services.id, smsSenders.serviceId))
    .where(eq(smsSenders.inboundNumber, true));
  const owners = senders.filter((s) => normaliseNumber(s.smsSender) === to);
  const owner = owners[0];
  if (!owner) {
    log.warn("inbound_unknown_number", { reason: "no_inbound_sender" });
    return { stored: false };
  }
  if (owners.length > 1) log.warn("inbound_number_ambiguous", { service_id: owner.serviceId, owners: owners.length });
  const userNumber = normaliseNumber(sms.from);
  const receivedTextId = crypto.randomUUID();
  const insertText = deps.db
    .insert(receivedTexts)
    .values({
      id: receivedTextId,
      serviceId: owner.serviceId,
      notifyNumber: owner.smsSender,
      userNumber,
      content: sms.text,
      providerReference: sms.reference,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: receivedTexts.id });
  // The text is stored (and its callback sent) as any other; a STOP or START also changes the
  // suppression list, in the same batch (inbound-opt-out.ts).
  const keyword = userNumber === "" ? null : optOutKeyword(sms.text);
  const optOut = keyword
    ? await optOutStatements(deps.db, keyword, {
        serviceId: owner.serviceId,
        organisationId: owner.organisationId,
        recipient: `+${userNumber}`,
        receivedTextId,
        at: now,
      })
    : [];
  const [inserted] = await deps.db.batch([insertText, ...optOut]);
  if (optOut.length > 0) invalidateServiceCaches(owner.serviceId);
  // A retry of a message already stored (CM retries until it gets a 200) keeps the first row; its
  // callback is enqueued again, since the first attempt may have failed right after the insert.
  const id = inserted[0]?.id ?? (await storedId(deps, owner.serviceId, sms.reference));
  if (!id) return { stored: false };
  const callback = await enqueueInboundCallback(deps, id, owner.serviceId);
  log.info(inserted[0] ? "inbound_stored" : "inbound_duplicate", {
    received_text_id: id,
    service_id: owner.serviceId,
    callback,
    ...(keyword ? { opt_out: keyword } : {}),
  });
  return { stored: true, receivedTextId: id, serviceId: owner.serviceId };
}
