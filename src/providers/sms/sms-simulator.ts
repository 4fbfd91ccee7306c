/**
 * The SMS simulator (local default, and what test keys always use): accepts everything, sends
 * nothing, and answers with a CM-shaped delivery report chosen by the magic recipient. The report
 * goes through mapCmReport and processReceipts exactly like one from CM.com's webhook.
 */
import { type SimulatedOutcome, simulatedOutcome } from "../../notifications/recipients";
import type { ProviderReceipt, SendResult } from "../outcome";
import { mapCmReport } from "./cm-status";
import { type CmStatusReport, cmReference } from "./cm-types";
import { countSmsParts } from "./fragments";
import type { SmsProvider } from "./sms-provider";

/** The CM report our simulator sends for each outcome (codes as in docs/cm-status-mapping.md). */
const REPORTS: Record<SimulatedOutcome, Omit<CmStatusReport, "reference">> = {
  delivered: { code: "2", errorCode: "", errorDescription: "" },
  "temporary-failure": {
    code: "3",
    errorCode: "7",
    errorDescription: "Message not delivered at operator because recipient has insufficient credit",
  },
  "permanent-failure": { code: "3", errorCode: "5", errorDescription: "Message not delivered at third party" },
};

/** The SMS simulator provider; `outcomeFor` defaults to the magic-recipient rules. */
export function createSmsSimulator(outcomeFor: (normalisedTo: string) => SimulatedOutcome = simulatedOutcome): SmsProvider {
  return {
    name: "simulator",
    async sendBatch(messages): Promise<SendResult> {
      const receipts: ProviderReceipt[] = [];
      const outcomes = messages.map((m) => {
        const reference = cmReference(m.notificationId);
        const receipt = mapCmReport({ reference, ...REPORTS[outcomeFor(m.normalisedTo)] }, "simulator");
        if (receipt) receipts.push(receipt);
        const billableUnits = m.billableUnits > 0 ? m.billableUnits : countSmsParts(m.body);
        return {
          kind: "accepted" as const,
          notificationId: m.notificationId,
          status: "sending" as const,
          provider: "simulator",
          billableUnits,
        };
      });
      return { outcomes, receipts };
    },
  };
}
