/** The hourly purge of the console's used-up secrets (src/scheduled/purge-console-tokens.ts). */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { IDLE_TIMEOUT_MS, startSession } from "../../../src/console/sessions/sessions";
import { createDb } from "../../../src/db/database";
import { consoleSessions, invitations, passwordResets } from "../../../src/db/schema";
import { purgeConsoleTokens } from "../../../src/scheduled/purge-console-tokens";
import { createConsoleUser } from "../../support/console-users";
import { createTenant } from "../../support/fixtures";

const db = createDb(env.DB);
const DAY = 86_400_000;

describe("purge-console-tokens", () => {
  it("deletes idle and expired sessions, expired resets and month-old invitations, and keeps the rest", async () => {
    const tenant = await createTenant();
    const user = await createConsoleUser(tenant.organisationId, [{ serviceId: tenant.serviceId, permissions: ["view"] }]);
    const now = Date.now();
    await startSession(db, user.id, now - IDLE_TIMEOUT_MS - 1000); // idle
    await startSession(db, user.id, now); // fresh
    await db.insert(passwordResets).values([
      { tokenHash: `old-${user.id}`, userId: user.id, expiresAt: now - 1 },
      { tokenHash: `new-${user.id}`, userId: user.id, expiresAt: now + 3_600_000 },
    ]);
    const invitation = (id: string, fields: Partial<typeof invitations.$inferInsert>) => ({
      id,
      organisationId: tenant.organisationId,
      serviceId: tenant.serviceId,
      emailAddress: `${id}@gemeente.example`,
      permissions: ["view" as const],
      tokenHash: id,
      invitedBy: "test",
      expiresAt: now + DAY,
      ...fields,
    });
    const keep = crypto.randomUUID();
    const old = crypto.randomUUID();
    await db.insert(invitations).values([invitation(keep, {}), invitation(old, { expiresAt: now - 31 * DAY })]);

    const counts = await purgeConsoleTokens({ db }, now);

    expect(counts.sessions).toBeGreaterThanOrEqual(1);
    const sessions = await db.select().from(consoleSessions).where(eq(consoleSessions.userId, user.id));
    expect(sessions.map((s) => s.lastSeenAt)).toEqual([now]);
    const resets = await db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(resets.map((r) => r.tokenHash)).toEqual([`new-${user.id}`]);
    const left = await db.select({ id: invitations.id }).from(invitations).where(eq(invitations.serviceId, tenant.serviceId));
    expect(left.map((i) => i.id)).toEqual([keep]);
  });
});
