/**
 * The console routes of API keys and trial recipients (one table, wired in
 * src/console/console-routes.ts). Paths are Dutch; every handler is a console page
 * (src/console/http/console-route.ts) that checks the session, the service and the permission.
 */
import type { AppRouter } from "../../../http/app-request";
import { getTrialRecipients, postRemoveTrialRecipient, postTrialRecipient } from "../trial-recipients/trial-recipients";
import { getApiKeyList } from "./api-key-list";
import { getNewApiKey, postNewApiKey } from "./new-api-key";
import { getRevokeApiKey, postRevokeApiKey } from "./revoke-api-key";

export function registerApiKeyRoutes(router: AppRouter): void {
  // manage_api_keys
  router.get("/diensten/:serviceId/api-sleutels", getApiKeyList);
  router.get("/diensten/:serviceId/api-sleutels/nieuw", getNewApiKey);
  router.post("/diensten/:serviceId/api-sleutels/nieuw", postNewApiKey);
  router.get("/diensten/:serviceId/api-sleutels/:keyId/intrekken", getRevokeApiKey);
  router.post("/diensten/:serviceId/api-sleutels/:keyId/intrekken", postRevokeApiKey);
  // manage_service
  router.get("/diensten/:serviceId/proefontvangers", getTrialRecipients);
  router.post("/diensten/:serviceId/proefontvangers", postTrialRecipient);
  router.post("/diensten/:serviceId/proefontvangers/:memberId/verwijderen", postRemoveTrialRecipient);
}
