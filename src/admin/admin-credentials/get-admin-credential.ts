/** GET /admin-credentials/{credential_id} → 200 the credential. */
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { pathParam } from "../shared/request";
import { AdminCredentialObject } from "./admin-credential-object";
import { findAdminCredential } from "./read-admin-credentials";

export const getAdminCredentialOperation = adminOperation({
  operationId: "get-admin-credential",
  method: "get",
  path: "/admin-credentials/{credential_id}",
  tag: "admin-credentials",
  summary: "Get an admin credential",
  ok: { status: 200, description: "The credential", schema: AdminCredentialObject },
  handle: async (request) => json(await findAdminCredential(request.services.db, pathParam(request, "credential_id"))),
});
