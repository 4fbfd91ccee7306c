/** POST /services/{service_id}/suppressions {phone_number} | {email_address} → 201 suppression. */
import * as v from "valibot";
import { Errors } from "../../errors";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { lowerEmailAddress, phoneNumber } from "../shared/fields";
import { adminMeta } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { createSuppression, type NewSuppression } from "./create-suppression";
import { SuppressionObject } from "./suppression-object";

// Normalised as team members are (and as sends are), so the stored recipient matches normalised_to.
const PostSuppression = v.object({
  phone_number: v.optional(phoneNumber),
  email_address: v.optional(lowerEmailAddress),
});

/** Exactly one of the two fields: one suppression is one recipient on one channel. */
function newSuppression(body: v.InferOutput<typeof PostSuppression>): NewSuppression {
  if (body.phone_number !== undefined && body.email_address !== undefined) {
    throw Errors.validation(["Give phone_number or email_address, not both"]);
  }
  if (body.phone_number !== undefined) return { channel: "sms", recipient: body.phone_number };
  if (body.email_address !== undefined) return { channel: "email", recipient: body.email_address };
  throw Errors.validation(["phone_number or email_address is a required property"]);
}

export const createSuppressionOperation = adminOperation({
  operationId: "create-suppression",
  method: "post",
  path: "/services/{service_id}/suppressions",
  tag: "suppressions",
  summary: "Put a recipient on the service's suppression list (sends to them are refused)",
  description: "Takes effect at once in the isolate that handled it, elsewhere within 5 seconds.",
  body: PostSuppression,
  query: v.object(serviceScopeQuery),
  ok: { status: 201, description: "The suppression", schema: SuppressionObject },
  handle: async (request, { body }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    const input = newSuppression(body);
    return json(await changeService(service.id, () => createSuppression(db, service, input, adminMeta(request))), 201);
  },
});
