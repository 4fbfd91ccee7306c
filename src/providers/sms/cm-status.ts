/**
 * CM.com delivery-report status → Notify status. The table, with CM's meaning of each code, is in
 * docs/cm-status-mapping.md; mapCmReport below is the code form of it.
 *
 * Only errorCode 7 (insufficient credit, the operator retries) is documented by CM as temporary;
 * other codes stay permanent until verified on a real account, so the temporary ones are an explicit
 * allow-list.
 */
import type { ProviderReceipt } from "../outcome";
import type { CmStatusReport } from "./cm-types";

/** Delivery-report error codes that mean "not delivered yet, may still be" (temporary-failure). */
export const CM_TEMPORARY_ERROR_CODES: ReadonlySet<string> = new Set(["7"]);

/** The receipt for a CM report, or null for a status code we do not know. `provider`: who sent the SMS. */
export function mapCmReport(report: CmStatusReport, provider = "cm"): ProviderReceipt | null {
  const code = report.code.trim();
  const errorCode = report.errorCode.trim();
  const status = (() => {
    switch (code) {
      case "0":
        return "pending" as const;
      case "1":
        return "permanent-failure" as const;
      case "2":
      case "4":
        return "delivered" as const;
      case "3":
        return CM_TEMPORARY_ERROR_CODES.has(errorCode) ? ("temporary-failure" as const) : ("permanent-failure" as const);
      default:
        return null;
    }
  })();
  if (status === null) return null;
  return {
    reference: report.reference,
    provider,
    channel: "sms",
    status,
    providerResponse: describe(code, errorCode, report.errorDescription),
    providerStatus: errorCode ? `${code}/${errorCode}` : code,
  };
}

/** "CM 3/7: <CM's standard error text>": codes plus CM's fixed description, never message content. */
function describe(code: string, errorCode: string, description: string): string {
  const head = errorCode ? `CM ${code}/${errorCode}` : `CM ${code}`;
  const text = description
    .replace(/[\r\n\t]+/g, " ")
    .trim()
    .slice(0, 200);
  return text ? `${head}: ${text}` : head;
}
