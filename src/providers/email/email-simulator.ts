/**
 * The email simulator (local default, and what test keys always use): accepts everything, sends
 * nothing, and produces a receipt for the magic recipient (…temp-fail@simulator.notify,
 * …perm-fail@simulator.notify, anything else delivered) that goes through processReceipts like a
 * provider's. Unlike SMTP it reports `sending` first, as Notify's research mode does.
 */
import { type SimulatedOutcome, simulatedOutcome } from "../../notifications/recipients";
import type { SendResult } from "../outcome";
import type { EmailProvider } from "./email-provider";

/** The email simulator provider; `outcomeFor` defaults to the magic-recipient rules. */
export function createEmailSimulator(outcomeFor: (normalisedTo: string) => SimulatedOutcome = simulatedOutcome): EmailProvider {
  return {
    name: "simulator",
    async send(message): Promise<SendResult> {
      const status = outcomeFor(message.normalisedTo);
      return {
        outcomes: [
          { kind: "accepted", notificationId: message.notificationId, status: "sending", provider: "simulator", billableUnits: 0 },
        ],
        receipts: [
          { reference: message.notificationId, provider: "simulator", channel: "email", status, providerResponse: `Simulated ${status}` },
        ],
      };
    },
  };
}
