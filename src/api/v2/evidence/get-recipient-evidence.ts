/**
 * GET /v2/evidence?phone_number=… or ?email_address=… (extension): the evidence of every
 * notification the service sent to one recipient within retention, newest first, at most
 * MAX_RECIPIENT_NOTIFICATIONS (`truncated` and `note` say when more were left out). JSON, or a
 * printable Dutch page with `Accept: text/html`. The recipient is normalised as the send path
 * does and matched within the caller's service only; another service's recipient is an empty export.
 *
 * The recipient is in the query string. That is fine for the request itself; our logs never
 * record a query string (error-response.ts logs the pathname only, through loggablePath).
 */
import { Errors } from "../../../errors";
import type { AppRequest } from "../../../http/app-request";
import { evidenceContext, recipientEvidenceResponse } from "../../../http/evidence-response";
import { evidenceRecipient } from "../../../notifications/evidence/evidence-recipient";
import { loadRecipientEvidence } from "../../../notifications/evidence/load-recipient-evidence";
import { authenticate } from "../authenticate";

/** One query value; a repeated one is refused rather than narrowed to one of its values. */
function queryValue(request: AppRequest, name: string): string | undefined {
  const value: unknown = request.query[name];
  if (Array.isArray(value)) throw Errors.validation([`${name} must be given once`]);
  return typeof value === "string" ? value : undefined;
}

export async function getRecipientEvidence(request: AppRequest): Promise<Response> {
  const { service } = await authenticate(request);
  const recipient = evidenceRecipient({
    phone: { field: "phone_number", value: queryValue(request, "phone_number") },
    email: { field: "email_address", value: queryValue(request, "email_address") },
  });
  const context = evidenceContext(request, service.id);
  const evidence = await loadRecipientEvidence(request.services.db, context, recipient);
  return recipientEvidenceResponse(request, evidence);
}
