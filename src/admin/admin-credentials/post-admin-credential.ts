/** POST /admin-credentials {name, role} → 201 the credential with its token, shown this once. */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { adminMeta } from "../shared/request";
import { AdminCredentialObject, NewAdminCredentialBody } from "./admin-credential-object";
import { createAdminCredential } from "./create-admin-credential";

export const createAdminCredentialOperation = adminOperation({
  operationId: "create-admin-credential",
  method: "post",
  path: "/admin-credentials",
  tag: "admin-credentials",
  summary: "Create a named admin credential; the token is in this response only",
  body: NewAdminCredentialBody,
  ok: {
    status: 201,
    description: "The credential and its token (`nnladm-<id>-<secret>`), shown this once",
    schema: v.object({ ...AdminCredentialObject.entries, token: v.string() }),
  },
  handle: async (request, { body }) => {
    const created = await createAdminCredential(request.services.db, body, adminMeta(request));
    return json({ ...created.credential, token: created.token }, 201);
  },
});
