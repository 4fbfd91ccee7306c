/**
 * What a provider adapter reports back for each message, and the receipts a simulator produces.
 * The dispatch consumer turns outcomes into status changes; it never sees provider wire formats.
 */
export type SendOutcome =
  /** Handed over: `sending` (receipts will follow) or `sent` (SMTP: relay acceptance is all we get). */
  | {
      kind: "accepted";
      notificationId: string;
      status: "sending" | "sent";
      provider: string;
      providerReference?: string;
      billableUnits: number;
    }
  /** The provider refused this message for good (→ permanent-failure; SMS fragments are still billable). */
  | { kind: "rejected"; notificationId: string; provider: string; billableUnits: number; reason: string }
  /** Not handed over; try again later (5xx, 429, timeout, network, auth/credit problems). */
  | { kind: "retry"; notificationId: string; reason: string }
  /** Not handed over and retrying cannot help (→ technical-failure). */
  | { kind: "failed"; notificationId: string; reason: string };

/** A delivery receipt already mapped to a Notify status, ready for processReceipts. */
export interface ProviderReceipt {
  /** The notification id, with or without hyphens (CM's `reference`). */
  reference: string;
  /** Who reports: a receipt applies only to a notification of this channel that this provider was handed. */
  provider: string;
  channel: "sms" | "email";
  status: ReceiptStatus;
  /** Provider's explanation (codes and CM's standard texts only, never recipients). */
  providerResponse?: string;
  /** The provider's own status code, e.g. CM "3/7" (status/error code), for the status history. */
  providerStatus?: string;
}

/** The statuses a receipt can move a notification to. */
export type ReceiptStatus = "pending" | "delivered" | "temporary-failure" | "permanent-failure" | "technical-failure";

/** A provider call's outcomes, plus simulated receipts to process afterwards. */
export interface SendResult {
  outcomes: SendOutcome[];
  /** Receipts a simulator wants processed after the outcomes are recorded. Real providers: empty. */
  receipts: ProviderReceipt[];
}
