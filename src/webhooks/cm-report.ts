/**
 * POST|GET /callbacks/cm/:token/status: CM.com delivery reports (JSON, XML or query string).
 * 200 for every well-formed report, including unknown references and stale or duplicate reports
 * (CM would otherwise retry them for 7 days); 400 for a body we cannot read, with nothing changed.
 */

import { Errors } from "../errors";
import { type AppRequest, json } from "../http/app-request";
import { log } from "../lib/log";
import type { ProviderReceipt } from "../providers/outcome";
import { mapCmReport } from "../providers/sms/cm-status";
import type { CmStatusReport } from "../providers/sms/cm-types";
import { parseStatusReports } from "./cm-report-parse";
import { MalformedBody } from "./malformed-body";
import { requireWebhookToken, webhookBody } from "./webhook-request";

/** Handles one delivery-report request from CM.com. */
export async function cmStatusReport(request: AppRequest): Promise<Response> {
  requireWebhookToken(request);
  const text = await webhookBody(request);
  let reports: CmStatusReport[];
  try {
    reports = parseStatusReports(text, new URL(request.url).searchParams, request.headers.get("content-type") ?? "");
  } catch (error) {
    if (!(error instanceof MalformedBody)) throw error;
    log.warn("cm_report_malformed", { request_id: request.requestId, reason: error.message });
    throw Errors.badRequest(`Malformed delivery report: ${error.message}`);
  }
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
