/**
 * Password reset links for tests. The link's token is stored only as a hash, and the test
 * config's email provider is the simulator, so the link is read from what sendConsoleEmail
 * hands the email provider: requestPasswordReset runs with a provider that records its messages.
 */
import { env } from "cloudflare:workers";
import { buildServices } from "../../src/app/build-services";
import { requestPasswordReset } from "../../src/console/accounts/password-reset";
import type { EmailMessage } from "../../src/providers/email/email-provider";
import { consoleFetch, cookiesOf, csrfOf } from "./console-users";
import { BASE_URL } from "./fixtures";

/** Services whose email provider records what it is given (and accepts it). */
export function recordingEmailServices() {
  const sent: EmailMessage[] = [];
  const services = buildServices(env);
  const email = {
    name: "recorder",
    async send(message: EmailMessage) {
      sent.push(message);
      return {
        outcomes: [
          {
            kind: "accepted" as const,
            notificationId: message.notificationId,
            status: "sent" as const,
            provider: "recorder",
            billableUnits: 0,
          },
        ],
        receipts: [],
      };
    },
  };
  return { sent, services: { ...services, providers: { ...services.providers, email } } };
}

/** The token of the reset link in an email's text, or null. */
export function resetTokenIn(message: EmailMessage | undefined): string | null {
  return /\/wachtwoord-herstellen\/([A-Za-z0-9_-]{43})/.exec(message?.text ?? "")?.[1] ?? null;
}

/** Asks for a reset for `emailAddress` (at `at`) and returns the token of the emailed link. */
export async function resetTokenFor(emailAddress: string, at = Date.now()): Promise<string> {
  const { sent, services } = recordingEmailServices();
  await requestPasswordReset(services, { emailAddress, origin: BASE_URL }, { requestId: "test", at });
  const token = resetTokenIn(sent[0]);
  if (!token) throw new Error("no reset link was emailed");
  return token;
}

/** The form cookie and token of an anonymous visitor, for posting the anonymous pages. */
export async function anonymousForm(): Promise<{ cookies: string[]; csrf: string }> {
  const page = await consoleFetch("/wachtwoord-vergeten");
  return { cookies: cookiesOf(page), csrf: csrfOf(await page.text()) };
}
