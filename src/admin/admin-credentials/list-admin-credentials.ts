/** GET /admin-credentials → 200 every credential, revoked ones included (never a secret). */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { AdminCredentialObject } from "./admin-credential-object";
import { listAdminCredentials } from "./read-admin-credentials";

export const listAdminCredentialsOperation = adminOperation({
  operationId: "list-admin-credentials",
  method: "get",
  path: "/admin-credentials",
  tag: "admin-credentials",
  summary: "List admin credentials, revoked ones included (never a secret)",
  ok: {
    status: 200,
    description: "Every credential, oldest first",
    schema: v.object({ admin_credentials: v.array(AdminCredentialObject) }),
  },
  handle: async (request) => json({ admin_credentials: await listAdminCredentials(request.services.db) }),
});
