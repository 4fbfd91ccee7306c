/** DELETE /admin-credentials/{credential_id} → 204; the row stays, so the audit log's names stay resolvable. */
import { adminOperation } from "../admin-operation";
import { adminMeta, pathParam } from "../shared/request";
import { revokeAdminCredential } from "./revoke-admin-credential";

export const revokeAdminCredentialOperation = adminOperation({
  operationId: "revoke-admin-credential",
  method: "delete",
  path: "/admin-credentials/{credential_id}",
  tag: "admin-credentials",
  summary: "Revoke an admin credential (the last active admin cannot be revoked)",
  ok: { status: 204, description: "Revoked" },
  handle: async (request) => {
    await revokeAdminCredential(request.services.db, pathParam(request, "credential_id"), adminMeta(request));
    return new Response(null, { status: 204 });
  },
});
