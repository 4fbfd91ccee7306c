/**
 * Request schemas of POST /v2/notifications/sms and /email, with Notify's validation messages.
 * These valibot schemas are also the source of the OpenAPI document (/v2/openapi.json).
 */
import * as v from "valibot";

const uuid = () => v.pipe(v.string(), v.uuid("is not a valid UUID"));
const personalisation = v.optional(v.nullable(v.record(v.string(), v.unknown()), undefined), undefined);
const reference = v.optional(
  v.nullable(
    v.pipe(
      v.string(),
      v.maxLength(1000, (i) => `${String(i.input)} is too long`),
    ),
  ),
);
const scheduledFor = v.optional(v.nullable(v.string()));

/**
 * Extension (Notify clients never send it): where to send the same personalisation through the
 * other channel if the notification fails for good (src/notifications/fallback-request.ts).
 */
const smsFallback = v.optional(
  v.pipe(
    v.strictObject({ email_address: v.string(), template_id: uuid() }),
    v.description("Extension: an email to send instead if the SMS fails for good"),
  ),
);
const emailFallback = v.optional(
  v.pipe(
    v.strictObject({ phone_number: v.string(), template_id: uuid() }),
    v.description("Extension: an SMS to send instead if the email fails for good"),
  ),
);

export const PostSmsRequest = v.strictObject({
  phone_number: v.pipe(v.string(), v.description("Recipient, e.g. 0612345678 or +31612345678")),
  template_id: uuid(),
  personalisation,
  reference,
  sms_sender_id: v.optional(v.nullable(uuid())),
  scheduled_for: scheduledFor,
  fallback: smsFallback,
});
export type PostSmsRequest = v.InferOutput<typeof PostSmsRequest>;

export const PostEmailRequest = v.strictObject({
  email_address: v.string(),
  template_id: uuid(),
  personalisation,
  reference,
  email_reply_to_id: v.optional(v.nullable(uuid())),
  one_click_unsubscribe_url: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^https:\/\/\S+$/, "is not a valid https url")))),
  sanitise_content_for: v.optional(v.nullable(v.array(v.string()))),
  scheduled_for: scheduledFor,
  fallback: emailFallback,
});
export type PostEmailRequest = v.InferOutput<typeof PostEmailRequest>;
