/**
 * /admin-credentials: named credentials of platform administrators (BIO: every change traceable to
 * a person). The token is shown once, at creation; revoking keeps the row, so the audit log's names
 * stay resolvable. A read-only credential may list them (auth.ts refuses its changes).
 */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { adminMeta, pathParam } from "../shared/request";
import { AdminCredentialObject, ChangeAdminCredentialBody, NewAdminCredentialBody } from "./admin-credential-object";
import { changeAdminCredentialRole } from "./change-admin-credential-role";
import { createAdminCredential } from "./create-admin-credential";
import { findAdminCredential, listAdminCredentials } from "./list-admin-credentials";
import { revokeAdminCredential } from "./revoke-admin-credential";

const TAG = "admin-credentials";
const ONE = "/admin-credentials/{credential_id}";

export const createAdminCredentialOperation = adminOperation({
  operationId: "create-admin-credential",
  method: "post",
  path: "/admin-credentials",
  tag: TAG,
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

export const listAdminCredentialsOperation = adminOperation({
  operationId: "list-admin-credentials",
  method: "get",
  path: "/admin-credentials",
  tag: TAG,
  summary: "List admin credentials, revoked ones included (never a secret)",
  ok: {
    status: 200,
    description: "Every credential, oldest first",
    schema: v.object({ admin_credentials: v.array(AdminCredentialObject) }),
  },
  handle: async (request) => json({ admin_credentials: await listAdminCredentials(request.services.db) }),
});

export const getAdminCredentialOperation = adminOperation({
  operationId: "get-admin-credential",
  method: "get",
  path: ONE,
  tag: TAG,
  summary: "Get an admin credential",
  ok: { status: 200, description: "The credential", schema: AdminCredentialObject },
  handle: async (request) => json(await findAdminCredential(request.services.db, pathParam(request, "credential_id"))),
});

export const updateAdminCredentialOperation = adminOperation({
  operationId: "update-admin-credential",
  method: "patch",
  path: ONE,
  tag: TAG,
  summary: "Change a credential's role (the last active admin cannot be demoted)",
  body: ChangeAdminCredentialBody,
  ok: { status: 200, description: "The credential", schema: AdminCredentialObject },
  handle: async (request, { body }) =>
    json(await changeAdminCredentialRole(request.services.db, pathParam(request, "credential_id"), body.role, adminMeta(request))),
});

export const revokeAdminCredentialOperation = adminOperation({
  operationId: "revoke-admin-credential",
  method: "delete",
  path: ONE,
  tag: TAG,
  summary: "Revoke an admin credential (the last active admin cannot be revoked)",
  ok: { status: 204, description: "Revoked" },
  handle: async (request) => {
    await revokeAdminCredential(request.services.db, pathParam(request, "credential_id"), adminMeta(request));
    return new Response(null, { status: 204 });
  },
});

export const adminCredentialOperations = [
  createAdminCredentialOperation,
  listAdminCredentialsOperation,
  getAdminCredentialOperation,
  updateAdminCredentialOperation,
  revokeAdminCredentialOperation,
];
