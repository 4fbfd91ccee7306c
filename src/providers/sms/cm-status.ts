/**
 * CM.com delivery-report status → Notify status. The table (also in docs/cm-status-mapping.md):
 *
 * | CM code | meaning (cm-com.md §2.3)              | errorCode          | Notify status      |
 * |---------|----------------------------------------|--------------------|--------------------|
 * | 0       | accepted by the operator (intermediate)| any                | pending (no callback) |
 * | 1       | rejected by CM or the operator         | any                | permanent-failure  |
 * | 2       | delivered                              | any                | delivered          |
 * | 3       | failed, will not be delivered          | 7 (insufficient credit, operator retries) | temporary-failure |
 * | 3       | failed                                 | anything else      | permanent-failure  |
 * | 4       | read (channels with read receipts)     | any                | delivered          |
 * | other   | unknown                                | any                | ignored and logged |
 *
 * Only errorCode 7 is documented as temporary by CM; other codes stay permanent until verified on
 * a real account (cm-com.md §2.4 recommends an explicit allow-list).
 */
import type { ProviderReceipt } from "../outcome";
import type { CmStatusReport } from "./cm-types";

/** Delivery-report error codes that mean "not delivered yet, may still be" (temporary-failure). */
export const CM_TEMPORARY_ERROR_CODES: ReadonlySet<string> = new Set(["7"]);

/** The receipt for a CM report, or null for a status code we do not know. */
export function mapCmReport(report: CmStatusReport): ProviderReceipt | null {
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
  return { reference: report.reference, status, providerResponse: describe(code, errorCode, report.errorDescription) };
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
