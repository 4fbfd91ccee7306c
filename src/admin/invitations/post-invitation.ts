/**
 * POST /services/{service_id}/invitations {email_address, permissions?} → 201 invitation with
 * `accept_url` (in this response only). How a platform administrator puts the first person on a
 * service's web-console team, and how `npm start` makes the demo user; the invitation itself is
 * src/console/accounts/invitations.ts, the same as a team manager's in the console.
 */
import * as v from "valibot";
import { createInvitation, type InvitationRow } from "../../console/accounts/invitations";
import { CONSOLE_PERMISSIONS } from "../../db/schema";
import { json } from "../../http/app-request";
import { formatTimestamp } from "../../lib/time";
import { adminOperation } from "../admin-operation";
import { oneOf, text } from "../shared/fields";
import { id, timestamp } from "../shared/object-fields";
import { adminMeta } from "../shared/request";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";

const PostInvitation = v.object({
  email_address: text(320),
  permissions: v.optional(
    v.pipe(
      v.array(oneOf(CONSOLE_PERMISSIONS), "is not of type array"),
      v.maxLength(CONSOLE_PERMISSIONS.length * 2, "has too many items"),
      v.description("Defaults to all five; `view` is always included"),
    ),
  ),
});

const InvitationObject = v.object({
  id,
  service_id: id,
  email_address: v.string(),
  permissions: v.array(v.picklist(CONSOLE_PERMISSIONS)),
  expires_at: timestamp,
  accept_url: v.pipe(v.string(), v.description("The link in the invitation email; shown in this response only")),
});

function invitationObject(row: InvitationRow, acceptUrl: string): v.InferOutput<typeof InvitationObject> {
  return {
    id: row.id,
    service_id: row.serviceId,
    email_address: row.emailAddress,
    permissions: row.permissions,
    expires_at: formatTimestamp(row.expiresAt),
    accept_url: acceptUrl,
  };
}

export const createInvitationOperation = adminOperation({
  operationId: "create-invitation",
  method: "post",
  path: "/services/{service_id}/invitations",
  tag: "invitations",
  summary: "Invite someone to a service's web-console team; the accept link is in this response only",
  description:
    "Sends the invitation email. The link works for 2 days. An address already on the team, with an open invitation, " +
    "or with an account in another organisation is refused.",
  body: PostInvitation,
  query: v.object(serviceScopeQuery),
  ok: { status: 201, description: "The invitation, with `accept_url`", schema: InvitationObject },
  handle: async (request, { body }) => {
    const { db, providers, config } = request.services;
    const service = await scopedService(request);
    const created = await createInvitation(
      { db, providers, config, origin: request.origin },
      service,
      { emailAddress: body.email_address, permissions: body.permissions ?? CONSOLE_PERMISSIONS },
      adminMeta(request),
    );
    return json(invitationObject(created.invitation, created.acceptUrl), 201);
  },
});
