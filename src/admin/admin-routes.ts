/**
 * Admin API, behind the ADMIN_TOKEN bearer. One handler per file; the domain work
 * (defaults, key generation, versioning, audit) lives in plain functions beside each handler.
 * Service routes accept `?organisation_id=`: a service of another organisation is then a 404.
 */
import type { AppRouter } from "../http/app-request";
import { deleteApiKey } from "./api-keys/delete-api-key";
import { listApiKeys } from "./api-keys/list-api-keys";
import { postApiKey } from "./api-keys/post-api-key";
import { requireAdmin } from "./auth";
import { putCallback } from "./callbacks/put-callback";
import { postEmailReplyTo } from "./email-reply-to/post-email-reply-to";
import { listOrganisations } from "./organisations/list-organisations";
import { postOrganisation } from "./organisations/post-organisation";
import { getService } from "./services/get-service";
import { postService } from "./services/post-service";
import { postSmsSender } from "./sms-senders/post-sms-sender";
import { getStatistics } from "./statistics/get-statistics";
import { deleteTeamMember } from "./team-members/delete-team-member";
import { postTeamMember } from "./team-members/post-team-member";
import { getTemplate } from "./templates/get-template";
import { postTemplate } from "./templates/post-template";
import { putTemplate } from "./templates/put-template";

const SERVICE = "/admin/services/:service_id";

export function registerAdminRoutes(router: AppRouter): void {
  // First, so every /admin path (including unknown ones) needs the token before anything else runs.
  router.all("/admin", requireAdmin);
  router.all("/admin/*", requireAdmin);

  router.post("/admin/organisations", postOrganisation);
  router.get("/admin/organisations", listOrganisations);

  router.post("/admin/services", postService);
  router.get(SERVICE, getService);

  router.post(`${SERVICE}/api-keys`, postApiKey);
  router.get(`${SERVICE}/api-keys`, listApiKeys);
  router.delete(`${SERVICE}/api-keys/:key_id`, deleteApiKey);

  router.post(`${SERVICE}/templates`, postTemplate);
  router.get(`${SERVICE}/templates/:template_id`, getTemplate);
  router.put(`${SERVICE}/templates/:template_id`, putTemplate);

  router.post(`${SERVICE}/sms-senders`, postSmsSender);
  router.post(`${SERVICE}/email-reply-to`, postEmailReplyTo);
  router.post(`${SERVICE}/team-members`, postTeamMember);
  router.delete(`${SERVICE}/team-members/:member_id`, deleteTeamMember);
  router.put(`${SERVICE}/callbacks/:callback_type`, putCallback);
  router.get(`${SERVICE}/statistics`, getStatistics);
}
