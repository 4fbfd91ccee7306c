/**
 * The admin API, under /admin/v1 behind an admin credential (auth.ts). Every operation is declared
 * once (admin-operation.ts) in the file of its handler; this list registers them on the router and
 * generates the OpenAPI document, served without auth (NL API Design Rules API-51) at
 * /admin/v1/openapi.json and /admin/openapi.json. Service routes accept `?organisationId=`: a
 * service of another organisation is then a 404.
 */
import { Errors } from "../errors";
import { ADMIN_BASE_PATH } from "../http/api-versions";
import { type AppRequest, type AppRouter, json } from "../http/app-request";
import { revokeAdminCredentialOperation } from "./admin-credentials/delete-admin-credential";
import { getAdminCredentialOperation } from "./admin-credentials/get-admin-credential";
import { listAdminCredentialsOperation } from "./admin-credentials/list-admin-credentials";
import { updateAdminCredentialOperation } from "./admin-credentials/patch-admin-credential";
import { createAdminCredentialOperation } from "./admin-credentials/post-admin-credential";
import type { AdminOperation } from "./admin-operation";
import { revokeApiKeyOperation } from "./api-keys/delete-api-key";
import { getApiKeyOperation } from "./api-keys/get-api-key";
import { listApiKeysOperation } from "./api-keys/list-api-keys";
import { createApiKeyOperation } from "./api-keys/post-api-key";
import { getAuditLogOperation } from "./audit-log/get-audit-log";
import { requireAdmin } from "./auth";
import { deleteCallbackOperation } from "./callbacks/delete-callback";
import { getCallbackOperation } from "./callbacks/get-callback";
import { listCallbacksOperation } from "./callbacks/list-callbacks";
import { setCallbackOperation } from "./callbacks/put-callback";
import { deleteReplyToOperation } from "./email-reply-to/delete-email-reply-to";
import { getReplyToOperation } from "./email-reply-to/get-email-reply-to";
import { listReplyTosOperation } from "./email-reply-to/list-email-reply-to";
import { updateReplyToOperation } from "./email-reply-to/patch-email-reply-to";
import { createReplyToOperation } from "./email-reply-to/post-email-reply-to";
import { createInvitationOperation } from "./invitations/post-invitation";
import { getNotificationEvidenceOperation } from "./notifications/get-service-notification-evidence";
import { getNotificationHistoryOperation } from "./notifications/get-service-notification-history";
import { getRecipientEvidenceOperation } from "./notifications/get-service-recipient-evidence";
import { buildAdminOpenApi } from "./openapi/admin-document";
import { getOrganisationOperation } from "./organisations/get-organisation";
import { listOrganisationsOperation } from "./organisations/list-organisations";
import { updateOrganisationOperation } from "./organisations/patch-organisation";
import { createOrganisationOperation } from "./organisations/post-organisation";
import { getServiceOperation } from "./services/get-service";
import { listServicesOperation } from "./services/list-services";
import { updateServiceOperation } from "./services/patch-service";
import { createServiceOperation } from "./services/post-service";
import { deleteSmsSenderOperation } from "./sms-senders/delete-sms-sender";
import { getSmsSenderOperation } from "./sms-senders/get-sms-sender";
import { listSmsSendersOperation } from "./sms-senders/list-sms-senders";
import { updateSmsSenderOperation } from "./sms-senders/patch-sms-sender";
import { createSmsSenderOperation } from "./sms-senders/post-sms-sender";
import { getStatisticsOperation } from "./statistics/get-statistics";
import { deleteSuppressionOperation } from "./suppressions/delete-suppression";
import { listSuppressionsOperation } from "./suppressions/list-suppressions";
import { createSuppressionOperation } from "./suppressions/post-suppression";
import { deleteTeamMemberOperation } from "./team-members/delete-team-member";
import { listTeamMembersOperation } from "./team-members/list-team-members";
import { createTeamMemberOperation } from "./team-members/post-team-member";
import { getTemplateOperation } from "./templates/get-template";
import { listTemplatesOperation } from "./templates/list-service-templates";
import { listTemplateVersionsOperation } from "./templates/list-template-versions";
import { updateTemplateStatusOperation } from "./templates/patch-template";
import { createTemplateOperation } from "./templates/post-template";
import { updateTemplateOperation } from "./templates/put-template";

export const ADMIN_OPERATIONS: readonly AdminOperation[] = [
  createOrganisationOperation,
  listOrganisationsOperation,
  getOrganisationOperation,
  updateOrganisationOperation,
  createServiceOperation,
  listServicesOperation,
  getServiceOperation,
  updateServiceOperation,
  createApiKeyOperation,
  listApiKeysOperation,
  getApiKeyOperation,
  revokeApiKeyOperation,
  createTemplateOperation,
  listTemplatesOperation,
  getTemplateOperation,
  updateTemplateOperation,
  updateTemplateStatusOperation,
  listTemplateVersionsOperation,
  createSmsSenderOperation,
  listSmsSendersOperation,
  getSmsSenderOperation,
  updateSmsSenderOperation,
  deleteSmsSenderOperation,
  createReplyToOperation,
  listReplyTosOperation,
  getReplyToOperation,
  updateReplyToOperation,
  deleteReplyToOperation,
  createTeamMemberOperation,
  listTeamMembersOperation,
  deleteTeamMemberOperation,
  createInvitationOperation,
  createSuppressionOperation,
  listSuppressionsOperation,
  deleteSuppressionOperation,
  setCallbackOperation,
  listCallbacksOperation,
  getCallbackOperation,
  deleteCallbackOperation,
  getStatisticsOperation,
  getNotificationHistoryOperation,
  getNotificationEvidenceOperation,
  getRecipientEvidenceOperation,
  createAdminCredentialOperation,
  listAdminCredentialsOperation,
  getAdminCredentialOperation,
  updateAdminCredentialOperation,
  revokeAdminCredentialOperation,
  getAuditLogOperation,
];

function getOpenApi(request: AppRequest): Response {
  const { config } = request.services;
  const contact = { name: config.API_CONTACT_NAME, email: config.API_CONTACT_EMAIL, url: config.API_CONTACT_URL };
  // API-51: anyone may read it, from any origin.
  return json(buildAdminOpenApi(ADMIN_OPERATIONS, request.origin, contact), 200, { "access-control-allow-origin": "*" });
}

/** NL API Design Rules API-48: a trailing slash is a 404, not a redirect or the same resource. */
function refuseTrailingSlash(request: AppRequest): void {
  if (new URL(request.url).pathname.endsWith("/")) throw Errors.notFound("The requested URL was not found on the server.");
}

export function registerAdminRoutes(router: AppRouter): void {
  router.all("/admin/*", refuseTrailingSlash);
  for (const path of ["/admin/openapi.json", `${ADMIN_BASE_PATH}/openapi.json`]) {
    router.get(path, getOpenApi);
    router.head(path, getOpenApi); // a HEAD (link checkers, caches) must not hit the credential check
  }
  // Before the operations, so every other /admin path (including unknown ones) needs a credential first.
  router.all("/admin", requireAdmin);
  router.all("/admin/*", requireAdmin);
  for (const operation of ADMIN_OPERATIONS) {
    const path = ADMIN_BASE_PATH + operation.path.replace(/\{([a-z_]+)\}/g, ":$1");
    router[operation.method](path, operation.run);
  }
}
