/**
 * GET and POST /diensten/:serviceId/api-sleutels/:keyId/intrekken: confirming and revoking with
 * revokeApiKey (src/admin/api-keys/revoke-api-key.ts, which writes the audit row). A key id of
 * another service or organisation is a 404 from findApiKey, and nothing is revoked.
 */
import { findApiKey } from "../../../admin/api-keys/find-api-key";
import { revokeApiKey } from "../../../admin/api-keys/revoke-api-key";
import { changeService } from "../../../admin/shared/service-change";
import { NotifyError } from "../../../errors";
import { servicePage } from "../../http/console-route";
import { htmlPage, seeOther } from "../../http/html-response";
import { RevokeApiKeyPage } from "./revoke-api-key-page";

const keyIdOf = (params: Record<string, string | undefined>) => String(params.keyId ?? "");

export const getRevokeApiKey = servicePage("manage_api_keys", async (context) => {
  const apiKey = await findApiKey(context.services.db, context.access.service.id, keyIdOf(context.request.params));
  return htmlPage(
    <RevokeApiKeyPage apiKey={apiKey} user={context.signedIn.user} csrfToken={context.csrfToken} service={context.layoutService} />,
  );
});

export const postRevokeApiKey = servicePage("manage_api_keys", async (context) => {
  const service = context.access.service;
  const list = `/diensten/${service.id}/api-sleutels`;
  const meta = { actor: context.signedIn.user.emailAddress, requestId: context.request.requestId, at: context.now };
  try {
    await changeService(service.id, () => revokeApiKey(context.services.db, service, keyIdOf(context.request.params), meta));
  } catch (error) {
    // revokeApiKey's 400 means the key was already revoked (an unknown key is a 404: the 404 page).
    if (error instanceof NotifyError && error.status === 400) return seeOther(`${list}?melding=sleutel-al-ingetrokken`);
    throw error;
  }
  return seeOther(`${list}?melding=sleutel-ingetrokken`);
});
