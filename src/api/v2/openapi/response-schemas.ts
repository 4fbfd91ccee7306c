/**
 * Response shapes of the public API as valibot schemas. They exist to generate the OpenAPI
 * document (the handlers build these bodies directly), so they describe, and tests check them.
 */
import * as v from "valibot";

const nullableString = v.nullable(v.string());
const timestamp = v.pipe(v.string(), v.description("UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ"));

export const ErrorBody = v.object({
  status_code: v.number(),
  errors: v.array(v.object({ error: v.string(), message: v.string() })),
});

const TemplateRef = v.object({ id: v.pipe(v.string(), v.uuid()), version: v.number(), uri: v.string() });

export const SmsCreated = v.object({
  id: v.pipe(v.string(), v.uuid()),
  reference: nullableString,
  uri: v.string(),
  template: TemplateRef,
  scheduled_for: v.nullable(timestamp),
  content: v.object({ body: v.string(), from_number: nullableString }),
});

export const EmailCreated = v.object({
  id: v.pipe(v.string(), v.uuid()),
  reference: nullableString,
  uri: v.string(),
  template: TemplateRef,
  scheduled_for: v.nullable(timestamp),
  content: v.object({ from_email: v.string(), body: v.string(), subject: v.string(), one_click_unsubscribe_url: nullableString }),
  sanitised_content: v.record(v.string(), v.object({ unsanitised: v.string(), sanitised: v.string() })),
});

export const Notification = v.object({
  id: v.pipe(v.string(), v.uuid()),
  reference: nullableString,
  email_address: nullableString,
  phone_number: nullableString,
  line_1: v.null(),
  line_2: v.null(),
  line_3: v.null(),
  line_4: v.null(),
  line_5: v.null(),
  line_6: v.null(),
  postcode: v.null(),
  type: v.picklist(["sms", "email"]),
  status: v.string(),
  template: TemplateRef,
  body: v.string(),
  subject: nullableString,
  created_at: timestamp,
  created_by_name: v.null(),
  sent_at: v.nullable(timestamp),
  completed_at: v.nullable(timestamp),
  scheduled_for: v.nullable(timestamp),
  postage: v.null(),
  one_click_unsubscribe_url: nullableString,
  is_cost_data_ready: v.boolean(),
  cost_in_pounds: v.nullable(v.number()),
  cost_details: v.object({
    billable_sms_fragments: v.optional(v.number()),
    international_rate_multiplier: v.optional(v.number()),
    sms_rate: v.optional(v.number()),
  }),
});

const Links = v.object({ current: v.string(), next: v.optional(v.string()) });
export const NotificationList = v.object({ notifications: v.array(Notification), links: Links });

export const Template = v.object({
  id: v.pipe(v.string(), v.uuid()),
  type: v.picklist(["sms", "email"]),
  created_at: timestamp,
  updated_at: v.nullable(timestamp),
  created_by: v.string(),
  version: v.number(),
  body: v.string(),
  subject: nullableString,
  name: v.string(),
  personalisation: v.record(v.string(), v.object({ required: v.boolean() })),
  postage: v.null(),
  letter_contact_block: v.null(),
});
export const TemplateList = v.object({ templates: v.array(Template) });

export const TemplatePreview = v.object({
  id: v.pipe(v.string(), v.uuid()),
  type: v.picklist(["sms", "email"]),
  version: v.number(),
  body: v.string(),
  html: nullableString,
  subject: nullableString,
  postage: v.null(),
});

export const ReceivedTextList = v.object({
  received_text_messages: v.array(
    v.object({
      id: v.pipe(v.string(), v.uuid()),
      created_at: timestamp,
      service_id: v.pipe(v.string(), v.uuid()),
      notify_number: v.string(),
      user_number: v.string(),
      content: v.string(),
    }),
  ),
  links: Links,
});
