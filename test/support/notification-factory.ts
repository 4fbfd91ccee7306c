/**
 * Notification rows straight into D1, for delivery tests that start after the API: the dispatch
 * consumer, receipts and callbacks only need a stored row. Tenants come from fixtures.createTenant.
 */

import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { createDb } from "../../src/db/database";
import { notifications } from "../../src/db/schema";

export type NotificationRow = typeof notifications.$inferSelect;

export interface NotificationSeed {
  serviceId: string;
  organisationId: string;
  type?: "sms" | "email";
  keyType?: "normal" | "team" | "test";
  /** Recipient as submitted; for SMS normalisedTo defaults to it, for email to its lower case. */
  to?: string;
  normalisedTo?: string;
  body?: string;
  subject?: string | null;
  senderText?: string | null;
  reference?: string | null;
  oneClickUnsubscribeUrl?: string | null;
  lane?: "priority" | "normal" | "bulk";
  billableUnits?: number;
  status?: NotificationRow["status"];
  claimedAt?: number | null;
  /** The provider a row past `created` was handed to (receipts apply only from that provider). */
  provider?: string | null;
  scheduledFor?: number | null;
  templateId?: string;
}

export const db = () => createDb(env.DB);

let counter = 0;

/** A unique Dutch mobile number (+3161xxxxxxx; the CM fake delivers anything not ending in 0002–0005). */
export function uniqueMobile(): string {
  counter += 1;
  const n = (Date.now() % 100_000) * 100 + (counter % 100);
  return `+3161${String(n).padStart(7, "0").slice(-7)}`.replace(/000[2-6]$/, "0011");
}

function row(seed: NotificationSeed): typeof notifications.$inferInsert {
  const type = seed.type ?? "sms";
  const to = seed.to ?? (type === "sms" ? uniqueMobile() : `burger${++counter}@example.nl`);
  return {
    id: crypto.randomUUID(),
    serviceId: seed.serviceId,
    organisationId: seed.organisationId,
    templateId: seed.templateId ?? "00000000-0000-4000-8000-000000000001",
    templateVersion: 1,
    notificationType: type,
    keyType: seed.keyType ?? "normal",
    to,
    normalisedTo: seed.normalisedTo ?? (type === "sms" ? to : to.toLowerCase()),
    body: seed.body ?? (type === "sms" ? "Uw code is 123456." : "Beste burger,\n\nUw aanvraag is **ontvangen**."),
    subject: seed.subject === undefined ? (type === "email" ? "Uw aanvraag" : null) : seed.subject,
    reference: seed.reference ?? null,
    senderText: seed.senderText ?? null,
    oneClickUnsubscribeUrl: seed.oneClickUnsubscribeUrl ?? null,
    lane: seed.lane ?? "normal",
    billableUnits: seed.billableUnits ?? (type === "sms" ? 1 : 0),
    status: seed.status ?? "created",
    claimedAt: seed.claimedAt ?? null,
    provider: seed.provider ?? null,
    scheduledFor: seed.scheduledFor ?? null,
    createdAt: Date.now(),
  };
}

/** Inserts one notification; returns its id. */
export async function insertNotification(seed: NotificationSeed): Promise<string> {
  const values = row(seed);
  await db().insert(notifications).values(values);
  return values.id as string;
}

/** Inserts many notifications (one statement per row, one D1 batch per 50); returns their ids. */
export async function insertNotifications(seeds: NotificationSeed[]): Promise<string[]> {
  const rows = seeds.map(row);
  const d = db();
  for (let i = 0; i < rows.length; i += 50) {
    const chunk = rows.slice(i, i + 50).map((r) => d.insert(notifications).values(r));
    await d.batch(chunk as [(typeof chunk)[number], ...typeof chunk]);
  }
  return rows.map((r) => r.id as string);
}

/** The stored row (throws when missing). */
export async function getNotification(id: string): Promise<NotificationRow> {
  const [found] = await db().select().from(notifications).where(eq(notifications.id, id));
  if (!found) throw new Error(`notification ${id} not found`);
  return found;
}

/** Stored rows by id. */
export async function getNotifications(ids: string[]): Promise<Map<string, NotificationRow>> {
  const out = new Map<string, NotificationRow>();
  for (let i = 0; i < ids.length; i += 90) {
    for (const r of await db()
      .select()
      .from(notifications)
      .where(inArray(notifications.id, ids.slice(i, i + 90))))
      out.set(r.id, r);
  }
  return out;
}
