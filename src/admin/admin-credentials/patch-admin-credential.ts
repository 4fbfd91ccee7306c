/** PATCH /admin-credentials/{credential_id} {role} → 200; the last active admin cannot be demoted. */
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { adminMeta, pathParam } from "../shared/request";
import { AdminCredentialObject, ChangeAdminCredentialBody } from "./admin-credential-object";
import { changeAdminCredentialRole } from "./change-admin-credential-role";

export const updateAdminCredentialOperation = adminOperation({
  operationId: "update-admin-credential",
  method: "patch",
  path: "/admin-credentials/{credential_id}",
  tag: "admin-credentials",
  summary: "Change a credential's role (the last active admin cannot be demoted)",
  body: ChangeAdminCredentialBody,
  ok: { status: 200, description: "The credential", schema: AdminCredentialObject },
  handle: async (request, { body }) =>
    json(await changeAdminCredentialRole(request.services.db, pathParam(request, "credential_id"), body.role, adminMeta(request))),
});
