/**
 * Email through the dispatch consumer: SMTP (worker-mailer) into the support server's real SMTP
 * server, and the simulator for test keys and EMAIL_PROVIDER=simulator.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../src/app/build-services";
import { eventually, received, runDispatch } from "../support/delivery";
import { createTenant, type Tenant } from "../support/fixtures";
import { getNotification, insertNotification } from "../support/notification-factory";

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

const smtpDeps = (config: Record<string, unknown> = {}) =>
  buildServices(env, { config: { EMAIL_PROVIDER: "smtp", SMTP_USER: "notifynl", SMTP_PASSWORD: "secret", ...config } });

async function mailTo(address: string): Promise<Mail> {
  return eventually(async () => {
    const mails = (await (await fetch(`${env.TEST_SUPPORT_URL}/mails`)).json()) as Mail[];
    return mails.find((m) => m.to.includes(address));
  });
}

/** Header value from a raw message (unfolded). */
function header(raw: string, name: string): string | undefined {
  const head = raw.split("\r\n\r\n")[0]?.replace(/\r\n[ \t]+/g, " ") ?? "";
  return head
    .split("\r\n")
    .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    ?.slice(name.length + 1)
    .trim();
}

/** The decoded body of the MIME part with this content type (quoted-printable). */
function part(raw: string, contentType: string): string {
  const start = raw.indexOf(`Content-Type: ${contentType}`);
  const body = raw.slice(raw.indexOf("\r\n\r\n", start) + 4);
  const encoded = body.slice(0, body.indexOf("\r\n--"));
  const bytes = encoded.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return new TextDecoder().decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
}

describe("email via SMTP", () => {
  let tenant: Tenant;
  let hook: string;
  beforeAll(async () => {
    hook = `/email-${crypto.randomUUID().slice(0, 8)}`;
    tenant = await createTenant({
      emailFrom: "noreply@gemeente.example",
      deliveryStatusCallback: { url: `${env.TEST_SUPPORT_URL}/hook${hook}`, bearer_token: "email-bearer-0123456789" },
    });
  });

  it("sends From, To, Reply-To, Subject, List-Unsubscribe, text and HTML; status sent and a callback", async () => {
    const to = `burger.${crypto.randomUUID().slice(0, 8)}@example.nl`;
    const id = await insertNotification({
      serviceId: tenant.serviceId,
      organisationId: tenant.organisationId,
      type: "email",
      to,
      subject: "Uw aanvraag is ontvangen",
      body: "Beste Amala,\n\nUw aanvraag is ontvangen, zie [onze site](https://gemeente.example/status).\n\n* stap één\n* stap twee\n\nMet vriendelijke groet",
      senderText: "balie@gemeente.example",
      oneClickUnsubscribeUrl: "https://gemeente.example/afmelden?u=123",
    });
    expect(await runDispatch([id], smtpDeps())).toEqual({ acked: [id], retried: [] });
    const row = await getNotification(id);
    expect(row).toMatchObject({ status: "sent", provider: "smtp", claimedAt: null, billableUnits: 0 });
    expect(row.sentAt).toBeGreaterThan(0);
    expect(row.completedAt).toBeGreaterThan(0);

    const mail = await mailTo(to);
    expect(mail.from).toBe("noreply@gemeente.example");
    expect(header(mail.raw, "From")).toBe("noreply@gemeente.example");
    expect(header(mail.raw, "To")).toBe(to);
    expect(header(mail.raw, "Reply-To")).toBe("balie@gemeente.example");
    expect(header(mail.raw, "Subject")).toBe("Uw aanvraag is ontvangen");
    expect(header(mail.raw, "List-Unsubscribe")).toBe("<https://gemeente.example/afmelden?u=123>");
    expect(header(mail.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    const text = part(mail.raw, "text/plain");
    expect(text).toContain("Beste Amala,");
    expect(text).toContain("stap één");
    expect(text).toContain("https://gemeente.example/afmelden?u=123");
    const html = part(mail.raw, "text/html");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(/<li[^>]*>stap één<\/li>/);
    expect(html).toMatch(/<a [^>]*href="https:\/\/gemeente.example\/status">onze site<\/a>/);
    expect(html).toContain('href="https://gemeente.example/afmelden?u=123"');

    const callbacks = await eventually(async () => {
      const got = (await received(hook)).filter((c) => (c.body as { id: string }).id === id);
      return got.length > 0 ? got : undefined;
    });
    expect(callbacks[0]?.body).toMatchObject({ id, status: "sent", notification_type: "email", to });
  });

  it("no Reply-To or List-Unsubscribe when the notification has none", async () => {
    const to = `plain.${crypto.randomUUID().slice(0, 8)}@example.nl`;
    const id = await insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, type: "email", to });
    await runDispatch([id], smtpDeps());
    const mail = await mailTo(to);
    expect(header(mail.raw, "Reply-To")).toBeUndefined();
    expect(header(mail.raw, "List-Unsubscribe")).toBeUndefined();
  });

  it("an unreachable SMTP relay is retried, the claim released", async () => {
    const id = await insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, type: "email" });
    const outcome = await runDispatch([id], buildServices(env, { config: { EMAIL_PROVIDER: "smtp", SMTP_PORT: 9 }, smtpTimeoutMs: 2_000 }));
    expect(outcome.retried).toEqual([{ notificationId: id, delaySeconds: 10 }]);
    expect(await getNotification(id)).toMatchObject({ status: "created", claimedAt: null, sendAttempts: 1 });
  });

  it("test-key email never reaches SMTP: simulated, with magic addresses", async () => {
    const seed = (to: string) =>
      insertNotification({ serviceId: tenant.serviceId, organisationId: tenant.organisationId, type: "email", keyType: "test", to });
    const ok = await seed(`test.${crypto.randomUUID().slice(0, 8)}@example.nl`);
    const temp = await seed("temp-fail@simulator.notify");
    const perm = await seed("perm-fail@simulator.notify");
    expect((await runDispatch([ok, temp, perm], smtpDeps())).acked.sort()).toEqual([ok, temp, perm].sort());
    expect(await getNotification(ok)).toMatchObject({ status: "delivered", provider: "simulator" });
    expect((await getNotification(temp)).status).toBe("temporary-failure");
    expect((await getNotification(perm)).status).toBe("permanent-failure");
    const mails = (await (await fetch(`${env.TEST_SUPPORT_URL}/mails`)).json()) as Mail[];
    expect(mails.filter((m) => m.to.some((t) => t.includes("simulator.notify")))).toEqual([]);
  });
});
