/**
 * POST|GET /callbacks/cm/:token/status: CM.com delivery reports (JSON, XML or query string).
 * 200 for every well-formed report, including unknown references and stale or duplicate reports
 * (CM would otherwise retry them for 7 days); 400 for a body we cannot read, with nothing changed.
 */

import { type AppRequest, json } from "../http/app-request";
import { log } from "../lib/log";
import type { ProviderReceipt } from "../providers/outcome";
import { mapCmReport } from "../providers/sms/cm-status";
import { parseStatusReports } from "./cm-report-parse";
import { readWebhook } from "./webhook-request";

/** Handles one delivery-report request from CM.com. */
export async function cmStatusReport(request: AppRequest): Promise<Response> {
  const reports = await readWebhook(request, { event: "cm_report_malformed", label: "Malformed delivery report" }, parseStatusReports);
  const receipts: ProviderReceipt[] = [];
  for (const report of reports) {
    const receipt = mapCmReport(report);
    if (receipt) receipts.push(receipt);
    else log.warn("cm_report_unknown_status", { request_id: request.requestId, cm_status: report.code });
  }
  // Written through a ReceiptWriter (group commit); answered once durable, so CM retries on failure.
  await Promise.all(receipts.map((receipt) => request.services.receiptWriterFor(receipt.reference).apply([receipt])));
  return json({ result: "ok", reports: reports.length });
}
