/**
 * GET /services/{service_id}/evidence?phoneNumber=… | ?emailAddress=… → 200 the evidence of every
 * notification the service sent to one recipient within retention, newest first and bounded (as
 * GET /v2/evidence). The recipient is in the query of this request only: our logs never record a
 * query string (error-response.ts logs the pathname, through loggablePath), and the audit log
 * records changes, not reads.
 *
 * Both keys are optional in the schema and "exactly one" is checked after the service lookup, so
 * another organisation's service is the same 404 with or without a recipient.
 */
import * as v from "valibot";
import { evidenceContext, recipientEvidenceResponse } from "../../http/evidence-response";
import { RecipientEvidenceBody } from "../../notifications/evidence/evidence-json";
import { evidenceRecipient } from "../../notifications/evidence/evidence-recipient";
import { loadRecipientEvidence, MAX_RECIPIENT_NOTIFICATIONS } from "../../notifications/evidence/load-recipient-evidence";
import { adminOperation } from "../admin-operation";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";

const recipientField = (description: string) =>
  v.optional(v.pipe(v.string(), v.maxLength(320, "must be at most 320 characters long"), v.description(description)));

const RecipientEvidenceQuery = v.object({
  ...serviceScopeQuery,
  phoneNumber: recipientField("The recipient's phone number, in any form the API accepts (06-12345678, +31 6 1234 5678)"),
  emailAddress: recipientField("The recipient's email address (case does not matter)"),
});

export const getRecipientEvidenceOperation = adminOperation({
  operationId: "get-recipient-evidence",
  method: "get",
  path: "/services/{service_id}/evidence",
  tag: "notifications",
  summary: "Export the evidence of every notification to one recipient, newest first",
  description:
    `Give exactly one of phoneNumber and emailAddress. At most ${MAX_RECIPIENT_NOTIFICATIONS} notifications, newest first; ` +
    "`truncated` and `note` say when older ones were left out. `Accept: text/html` gives a printable page in Dutch. " +
    "Only within the service's retention period.",
  query: RecipientEvidenceQuery,
  ok: { status: 200, description: "The evidence (JSON), or the printable page (HTML)", schema: RecipientEvidenceBody, html: true },
  handle: async (request, { query }) => {
    const service = await scopedService(request);
    const recipient = evidenceRecipient({
      phone: { field: "phoneNumber", value: query.phoneNumber },
      email: { field: "emailAddress", value: query.emailAddress },
    });
    const context = evidenceContext(request, service.id);
    const evidence = await loadRecipientEvidence(request.services.db, context, recipient);
    return recipientEvidenceResponse(request, evidence);
  },
});
